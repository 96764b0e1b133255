/**
 * A restricted pickle reader in pure Java: Python's pickle format read as data, with every opcode
 * that would import or call code decided by rules (see {@link dev.wfnet.imports.pickle.PickleRules}).
 * Nothing here knows PyTorch; {@code dev.wfnet.imports} supplies the rules for its files.
 */
package dev.wfnet.imports.pickle;
