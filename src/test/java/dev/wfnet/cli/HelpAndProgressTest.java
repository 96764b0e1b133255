package dev.wfnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.data.DatasetSpec;
import dev.wfnet.explain.ExplainSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Help that helps: every option says its default in one line; the dataset specs are listed; progress reads well. */
class HelpAndProgressTest {
    /**
     * Their options are generated from one settings definition on the settings branch, which checks
     * them itself; every other command is held to the rule here.
     */
    private static final Set<String> SETTINGS_COMMANDS = Set.of("pretrain", "untrain");

    private record Run(int exitCode, String out, String err) {
    }

    private static Run wfnet(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WfnetCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static CommandLine root() {
        CommandLine root = new CommandLine(new WfnetCommand());
        DatasetSpecHelp.addTo(root);
        return root;
    }

    @Test
    void everyOptionOfEveryCommandHasAOneLineDescriptionThatStatesItsDefault() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, CommandLine> command : root().getSubcommands().entrySet()) {
            if (SETTINGS_COMMANDS.contains(command.getKey()) || command.getKey().equals("help")) {
                continue;
            }
            for (OptionSpec option : command.getValue().getCommandSpec().options()) {
                if (option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                String name = command.getKey() + " " + option.longestName();
                String description = String.join(" ", option.description());
                if (option.description().length != 1 || description.isBlank()) {
                    problems.add(name + ": not a one-line description");
                } else if (!description.toLowerCase(Locale.ROOT).contains("default")
                        && !description.contains("(required)")) {
                    problems.add(name + ": says no default");
                } else if (description.contains("${DEFAULT-VALUE}") && option.defaultValueString() == null) {
                    problems.add(name + ": ${DEFAULT-VALUE} would print null");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aDefaultShownInHelpIsTheOneTheCommandUses() {
        Run help = wfnet("help", "explain");
        assertEquals(ExitCodes.OK, help.exitCode(), help.err());
        String threshold = String.valueOf(ExplainSettings.defaults().threshold());
        assertTrue(help.out().contains("switched off (default: " + threshold + ")"), help.out());
    }

    @Test
    void helpOfEachCommandWithDataListsEveryDatasetSpecForm() {
        for (String command : List.of("pretrain", "untrain", "evaluate", "forget", "explain")) {
            Run help = wfnet("help", command);
            assertEquals(ExitCodes.OK, help.exitCode(), help.err());
            assertTrue(help.out().contains("Dataset specs (--data):"), command + "\n" + help.out());
            for (DatasetSpec.Kind kind : DatasetSpec.Kind.values()) {
                assertTrue(help.out().contains("\n  " + kind.usage() + " "), command + " lacks " + kind.usage());
            }
        }
        Run info = wfnet("help", "info");
        assertFalse(info.out().contains("Dataset specs"), "info takes no dataset");
    }

    @Test
    void everyFooterLineFitsTheUsageWidth() {
        for (String line : DatasetSpecHelp.lines()) {
            assertTrue(line.length() <= 80, line);
        }
    }

    @Test
    void aPhaseLineNamesItsNumberOnce() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("test_accuracy", 0.757);
        metrics.put("epoch", 1.0);
        metrics.put("train_loss", 0.92151);
        assertEquals("epoch 1  test_accuracy 0.7570  train_loss 0.9215", ProgressLine.phaseLine("epoch", metrics));
        assertEquals("snapshot@50  mean_acc_f 0.5000", ProgressLine.phaseLine("snapshot@50",
                Map.of("mean_acc_f", 0.5)));
        assertEquals("prepare", ProgressLine.phaseLine("prepare", Map.of()));
    }

    @Test
    void pretrainSaysEpochOnce(@TempDir Path dir) {
        Run run = wfnet("pretrain", "--arch", "mlp", "--data", "fashion-mnist-bundled", "--epochs", "1",
                "--train-limit", "256", "--batch", "64", "-o", dir.resolve("mlp.safetensors").toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.err().contains("\nepoch 1  test_accuracy "), run.err());
        assertFalse(run.err().contains("epoch epoch"), run.err());
    }
}
