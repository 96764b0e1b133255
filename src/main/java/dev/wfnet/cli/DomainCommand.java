package dev.wfnet.cli;

import dev.wfnet.WfnetException;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.jobs.JobCancelledException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The shape of every subcommand: run, and turn a domain error into its message on standard
 * error and exit code 1, a cancel (Ctrl-C) into 130. The stack trace goes to the log only.
 */
abstract class DomainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Raised by Ctrl-C; long commands pass it to their jobs. */
    final CancellationToken cancel = new CancellationToken();

    abstract void execute() throws WfnetException;

    @Override
    public final Integer call() {
        Thread hook = new Thread(cancel::cancel, "wfnet-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            execute();
            return ExitCodes.OK;
        } catch (JobCancelledException e) {
            err().println("wfnet: cancelled");
            return ExitCodes.CANCELLED;
        } catch (WfnetException e) {
            err().println("wfnet: " + e.getMessage());
            org.slf4j.LoggerFactory.getLogger(getClass()).debug("failed", e);
            return ExitCodes.FAILED;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting because of Ctrl-C: the hook has run
            }
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
