/**
 * The {@code wfnet} command line (picocli): one thin class per subcommand that parses, calls a
 * service of the lower layers, and prints or writes the result. Exit codes are in
 * {@link dev.wfnet.cli.ExitCodes}.
 */
package dev.wfnet.cli;
