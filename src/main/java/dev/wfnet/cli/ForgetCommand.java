package dev.wfnet.cli;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import dev.wfnet.WfnetException;
import dev.wfnet.data.DatasetCatalog;
import dev.wfnet.eval.ForgettingEvaluator;
import dev.wfnet.eval.ForgettingReport;
import dev.wfnet.eval.ForgettingTable;
import dev.wfnet.io.AtomicFiles;
import dev.wfnet.io.Json;
import dev.wfnet.model.LoadedModel;
import dev.wfnet.model.TorchRuntime;
import dev.wfnet.unlearn.AlphaBank;
import dev.wfnet.unlearn.BankCheckpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wfnet forget}: what forgetting a class set does, measured on the test split. */
@Command(name = "forget", mixinStandardHelpOptions = true,
        description = "Forget a class set with a bank (rows combined by product) and report ACC_f, ACC_r, the "
                + "original's ACC_r and the drop; or every class alone (--each), or every pair (--pairs).")
final class ForgetCommand extends DomainCommand {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A .safetensors model checkpoint")
    Path model;

    @Parameters(index = "1", paramLabel = "BANK", description = "A bank trained on MODEL")
    Path bank;

    @ArgGroup(multiplicity = "1")
    Selection selection;

    static final class Selection {
        @Option(names = "--classes", split = ",", description = "The classes to forget together, e.g. 3,5 (no"
                + " default: give --classes, --each or --pairs)")
        List<Integer> classes = new ArrayList<>();
        @Option(names = "--each", description = "Every class of the bank alone (default: off)") boolean each;
        @Option(names = "--pairs", description = "Every pair of the bank's classes (default: off)") boolean pairs;
    }

    @Option(names = "--data", defaultValue = "fashion-mnist", description = "Dataset spec (default: ${DEFAULT-VALUE})")
    String data;

    @Option(names = {"-o", "--out"}, description = "Directory for forget.json, forget.csv and forget.md (default:"
            + " none, the table is only printed)")
    Path out;

    @Override
    void execute() throws WfnetException {
        ReportProvenance provenance = new ReportProvenance("forget").setting("data", data).setting("selection",
                selection.each ? "each" : selection.pairs ? "pairs" : "classes " + selection.classes);
        try (LoadedModel loaded = LoadedModel.open(model); NDManager manager = TorchRuntime.newManager()) {
            AlphaBank alphas = BankCheckpoint.openFor(loaded, bank, manager);
            var test = DatasetCatalog.load(data, loaded.architecture().inputShape()).test();
            ForgettingEvaluator evaluator = new ForgettingEvaluator(loaded, alphas, test, cancel);
            String markdown;
            String csv;
            JsonObject json;
            if (selection.each || selection.pairs) {
                ForgettingTable table = new ForgettingTable(selection.each ? evaluator.eachClass(cancel)
                        : evaluator.everyPair(cancel));
                markdown = table.toMarkdown();
                csv = table.toCsv();
                json = table.toJson();
            } else {
                ForgettingReport report = evaluator.evaluate(
                        selection.classes.stream().mapToInt(Integer::intValue).toArray(), cancel);
                markdown = report.toMarkdown();
                csv = report.toCsv();
                json = report.toJson();
            }
            json.addProperty("model_sha256", loaded.sha256());
            json.addProperty("bank", bank.toString());
            json.add("provenance", provenance.model(loaded).file("bank", bank).dataset("test", test).finish()
                    .toJson());
            out().print(markdown);
            if (out != null) {
                AtomicFiles.writeString(out.resolve("forget.json"), Json.pretty(json));
                AtomicFiles.writeString(out.resolve("forget.csv"), csv);
                AtomicFiles.writeString(out.resolve("forget.md"), markdown);
                out().println("wrote forget.json, forget.csv and forget.md in " + out);
            }
        }
    }
}
