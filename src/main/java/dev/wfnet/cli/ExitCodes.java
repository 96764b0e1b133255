package dev.wfnet.cli;

/** The documented exit codes of every {@code wfnet} command. */
public final class ExitCodes {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** Bad input or a failed run: the message on standard error says what and what to do. */
    public static final int FAILED = 1;
    /** The command line itself was wrong (unknown option, missing argument). */
    public static final int USAGE = 2;
    /** An unexpected internal error; the stack trace is printed. */
    public static final int INTERNAL = 3;
    /** The run was cancelled (Ctrl-C); nothing half-written was left behind. */
    public static final int CANCELLED = 130;

    private ExitCodes() {
    }
}
