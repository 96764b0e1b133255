package dev.wfnet.cli;

import dev.wfnet.data.DatasetSpec;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The forms a dataset spec takes, listed at the end of the help of every command with a
 * {@code --data} option, from {@link DatasetSpec.Kind} itself so the list cannot fall behind the
 * parser.
 */
final class DatasetSpecHelp {
    static final String HEADING = "%nDataset specs (--data):%n";
    /** picocli's default usage width: longer footer lines would be wrapped without indentation. */
    private static final int COLUMNS = 79;

    private DatasetSpecHelp() {
    }

    /** Adds the list to each subcommand of {@code root} that takes {@code --data}. */
    static void addTo(CommandLine root) {
        for (CommandLine command : root.getSubcommands().values()) {
            CommandSpec spec = command.getCommandSpec();
            if (spec.findOption("--data") == null) {
                continue;
            }
            List<String> footer = new ArrayList<>(List.of(spec.usageMessage().footer()));
            footer.addAll(lines());
            spec.usageMessage().footerHeading(HEADING).footer(footer.toArray(String[]::new));
        }
    }

    /** One entry per kind, its description wrapped under itself within picocli's 80 columns. */
    static List<String> lines() {
        int width = 0;
        for (DatasetSpec.Kind kind : DatasetSpec.Kind.values()) {
            width = Math.max(width, kind.usage().length());
        }
        String indent = " ".repeat(width + 4);
        List<String> lines = new ArrayList<>();
        for (DatasetSpec.Kind kind : DatasetSpec.Kind.values()) {
            StringBuilder line = new StringBuilder(String.format("  %-" + width + "s ", kind.usage()));
            // picocli formats the footer: a literal % must be doubled
            for (String word : kind.description().replace("%", "%%").split(" ")) {
                if (line.length() + 1 + word.length() > COLUMNS && line.length() > indent.length()) {
                    lines.add(line.toString());
                    line = new StringBuilder(indent.substring(1));
                }
                line.append(' ').append(word);
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
