package dev.wfnet.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.wfnet.WfnetException;
import dev.wfnet.io.Hashing;
import dev.wfnet.io.Json;
import dev.wfnet.model.Architecture;
import dev.wfnet.model.ModelCheckpoint;
import dev.wfnet.model.ParameterSpec;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wfnet info}: what a checkpoint holds. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Describe a model checkpoint: architecture, parameters and shapes, classes, provenance.")
final class InfoCommand extends DomainCommand {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A .safetensors model checkpoint")
    Path model;

    @Option(names = "--json", description = "Print JSON instead of text (default: off)")
    boolean json;

    @Override
    void execute() throws WfnetException {
        ModelCheckpoint checkpoint = ModelCheckpoint.read(model);
        Architecture architecture = checkpoint.buildArchitecture();
        String sha256 = Hashing.sha256(model);
        if (json) {
            JsonObject info = new JsonObject();
            info.addProperty("file", model.toString());
            info.addProperty("sha256", sha256);
            info.addProperty("architecture", checkpoint.architecture().toString());
            info.addProperty("input_shape", checkpoint.inputShape().toString());
            info.addProperty("normalization", checkpoint.normalization().toString());
            JsonArray classes = new JsonArray();
            checkpoint.classNames().forEach(classes::add);
            info.add("class_names", classes);
            info.addProperty("trainable_parameters", architecture.parameterCount());
            JsonArray parameters = new JsonArray();
            for (ParameterSpec spec : architecture.parameters()) {
                JsonObject row = new JsonObject();
                row.addProperty("name", spec.name());
                row.addProperty("shape", spec.shapeText());
                row.addProperty("role", spec.role().label());
                row.addProperty("elements", spec.elementCount());
                row.addProperty("filtered_by_default", spec.filteredByDefault());
                parameters.add(row);
            }
            info.add("parameters", parameters);
            info.add("provenance", checkpoint.provenance().toJson());
            out().print(Json.pretty(info));
            return;
        }
        out().printf(Locale.ROOT, "file          %s%nsha256        %s%narchitecture  %s%ninput         %s, %s%n"
                        + "classes       %d: %s%nparameters    %,d trainable%n%n", model, sha256,
                checkpoint.architecture(), checkpoint.inputShape(), checkpoint.normalization(),
                checkpoint.classCount(), String.join(", ", checkpoint.classNames()), architecture.parameterCount());
        out().printf("%-40s %-16s %-12s %12s  %s%n", "parameter", "shape", "role", "elements", "filtered");
        for (ParameterSpec spec : architecture.parameters()) {
            out().printf(Locale.ROOT, "%-40s %-16s %-12s %,12d  %s%n", spec.name(), spec.shapeText(),
                    spec.role().label(), spec.elementCount(), spec.filteredByDefault() ? "yes" : "");
        }
        out().printf("%nprovenance%n%s", Json.pretty(checkpoint.provenance().toJson()));
    }
}
