package dev.wfnet.cli;

import dev.wfnet.WfnetException;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.jobs.JobCancelledException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The shape of every subcommand: run, and turn a domain error into its message on standard
 * error and exit code 1, a cancel (Ctrl-C) into 130. The stack trace goes to the log only.
 */
abstract class DomainCommand implements Callable<Integer> {
    /** How long Ctrl-C waits for the command to stop at its next step and say so before the JVM exits. */
    static final long CANCEL_GRACE_SECONDS = 30;

    @Spec
    CommandSpec spec;

    /** Raised by Ctrl-C; long commands pass it to their jobs. */
    final CancellationToken cancel = new CancellationToken();

    /** What a cancelled command says after "wfnet: "; a long command sets what comes next (how to resume). */
    Supplier<String> afterCancel = () -> "cancelled";

    private final CountDownLatch finished = new CountDownLatch(1);

    abstract void execute() throws WfnetException;

    @Override
    public final Integer call() {
        // Ctrl-C runs the hook and the JVM exits when it returns: it waits for the command to reach
        // its next step, stop and print what happens next, else nothing would follow the progress line
        Thread hook = new Thread(() -> {
            cancel.cancel();
            try {
                finished.await(CANCEL_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "wfnet-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            execute();
            return ExitCodes.OK;
        } catch (JobCancelledException e) {
            if (System.console() != null) {
                err().println(); // a terminal's progress line has no newline of its own
            }
            err().println("wfnet: " + afterCancel.get());
            return ExitCodes.CANCELLED;
        } catch (WfnetException e) {
            err().println("wfnet: " + e.getMessage());
            org.slf4j.LoggerFactory.getLogger(getClass()).debug("failed", e);
            return ExitCodes.FAILED;
        } finally {
            out().flush();
            err().flush();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting because of Ctrl-C: the hook has run
            }
        }
    }

    /** The command line as given, after "wfnet", for a command that tells how to run it again. */
    List<String> originalArguments() {
        return spec.commandLine().getParseResult().originalArgs();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
