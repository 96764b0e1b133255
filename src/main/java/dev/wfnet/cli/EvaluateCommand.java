package dev.wfnet.cli;

import com.google.gson.JsonObject;
import dev.wfnet.WfnetException;
import dev.wfnet.data.DatasetSplits;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.eval.AccuracyReport;
import dev.wfnet.io.AtomicFiles;
import dev.wfnet.io.Json;
import dev.wfnet.model.LoadedModel;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wfnet evaluate}: per-class and overall accuracy of a model. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Per-class and overall accuracy of a model on a dataset split; writes JSON and CSV.")
final class EvaluateCommand extends DomainCommand {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A .safetensors model checkpoint")
    Path model;

    @Mixin
    DatasetOption data;

    @Option(names = "--split", defaultValue = "test", description = "test or train (default: ${DEFAULT-VALUE})")
    String split;

    @Option(names = {"-o", "--out"}, description = "Directory for evaluation.json and evaluation.csv (default: none,"
            + " the table is only printed)")
    Path out;

    @Override
    void execute() throws WfnetException {
        ReportProvenance provenance = new ReportProvenance("evaluate");
        try (LoadedModel loaded = LoadedModel.open(model)) {
            DatasetSplits splits = data.loadFor(loaded);
            ImageDataset images = switch (split) {
                case "test" -> splits.test();
                case "train" -> splits.train();
                default -> throw new WfnetException("split must be 'test' or 'train', not '" + split + "'");
            };
            loaded.checkCompatible(images);
            AccuracyReport report = AccuracyReport.of(images, loaded.classifier().predict(images, cancel));
            out().print(report.toMarkdown());
            if (out != null) {
                JsonObject json = report.toJson();
                json.add("provenance", provenance.model(loaded).data(split, images)
                        .at(0, Map.of("data", data.spec, "split", split)).toJson());
                AtomicFiles.writeString(out.resolve("evaluation.json"), Json.pretty(json));
                AtomicFiles.writeString(out.resolve("evaluation.csv"), report.toCsv());
                out().println("wrote " + out.resolve("evaluation.json") + " and " + out.resolve("evaluation.csv"));
            }
        }
    }
}
