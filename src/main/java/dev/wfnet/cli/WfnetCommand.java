package dev.wfnet.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code wfnet} entry point. */
@Command(name = "wfnet", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "WF-Net Workbench: train classifiers, untrain classes with weight filtering, explain.",
        subcommands = {PretrainCommand.class, UntrainCommand.class, ForgetCommand.class, CompareCommand.class,
                ExplainCommand.class, EvaluateCommand.class, PredictCommand.class, InfoCommand.class,
                ImportCommand.class, MakeDatasetCommand.class,
                BenchCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0    success", "  1    bad input or failed run (the message says what to do)",
                "  2    wrong command line", "  3    internal error", "  130  cancelled"})
public final class WfnetCommand implements Runnable {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs a command line on standard output and error and returns its exit code. Both are flushed
     * before returning: {@code print} without a newline does not auto-flush, and main exits at once.
     */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs a command line writing to the given streams instead of standard output and error. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = newCommandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new WfnetCommand());
        DatasetSpecHelp.addTo(commandLine);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            exception.printStackTrace(line.getErr());
            return ExitCodes.INTERNAL;
        });
        return commandLine;
    }

    @Override
    public void run() {
        // the usage goes where this command line's output goes, not always to System.out
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
