/**
 * The architecture catalogue as functional networks: every parameter is supplied at call time
 * through a {@link dev.wfnet.model.ParameterSource}, so a caller can pass {@code w * alpha}.
 * Also base-model training, batched inference and the model checkpoint format.
 */
package dev.wfnet.model;
