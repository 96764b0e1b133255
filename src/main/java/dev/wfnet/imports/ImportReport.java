package dev.wfnet.imports;

import dev.wfnet.data.ImageShape;
import dev.wfnet.model.ArchitectureSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an import went, for the person (the lines the command prints) and for the provenance (the
 * same facts as configuration entries).
 *
 * @param source the source file
 * @param format the reader's id
 * @param formatDescription the reader's description
 * @param sha256 the source file's SHA-256
 * @param steps how the weights were found, cleaned and renamed
 * @param mapping source tensor name to model tensor name, where they differ
 * @param architecture the architecture of the model
 * @param input its input shape
 * @param classes its number of classes
 * @param how how the architecture was chosen
 * @param assumptions what was assumed rather than read
 * @param preprocessing how inputs are prepared
 * @param verification what was checked
 */
public record ImportReport(Path source, String format, String formatDescription, String sha256, List<String> steps,
                           Map<String, String> mapping, ArchitectureSpec architecture, ImageShape input, int classes,
                           String how, List<String> assumptions, String preprocessing,
                           ImportVerifier.Verification verification) {

    public ImportReport {
        steps = List.copyOf(steps);
        mapping = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
        assumptions = List.copyOf(assumptions);
    }

    /** The report as lines of text, label first. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("source        " + source + " (" + formatDescription + ")");
        lines.add("sha256        " + sha256);
        lines.add("weights       " + String.join("; ", steps));
        lines.add("architecture  " + architecture + " (" + how + ")");
        lines.add("model         input " + input + ", " + classes + " classes");
        for (String assumption : assumptions) {
            lines.add("assumed       " + assumption);
        }
        lines.add("inputs        " + preprocessing);
        lines.add("verified      " + verification.summary());
        return lines;
    }

    /** The provenance's configuration entries. */
    Map<String, String> configuration() {
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put("source_file", String.valueOf(source.getFileName()));
        configuration.put("source_format", format);
        configuration.put("weights", String.join("; ", steps));
        configuration.put("mapping", ModelImporter.mappingJson(mapping));
        configuration.put("architecture", architecture.toString());
        configuration.put("architecture_chosen", how);
        configuration.put("assumptions", String.join("; ", assumptions));
        configuration.put("preprocessing", preprocessing);
        configuration.put("verification", verification.summary());
        return configuration;
    }
}
