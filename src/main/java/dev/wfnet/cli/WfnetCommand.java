package dev.wfnet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code wfnet} entry point. */
@Command(name = "wfnet", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "WF-Net Workbench: train classifiers, untrain classes with weight filtering, explain.",
        subcommands = {PretrainCommand.class, EvaluateCommand.class, PredictCommand.class, InfoCommand.class,
                BenchCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0    success", "  1    bad input or failed run (the message says what to do)",
                "  2    wrong command line", "  3    internal error", "  130  cancelled"})
public final class WfnetCommand implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new WfnetCommand());
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            exception.printStackTrace(line.getErr());
            return ExitCodes.INTERNAL;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
