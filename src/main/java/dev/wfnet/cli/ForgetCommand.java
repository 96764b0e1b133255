package dev.wfnet.cli;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import dev.wfnet.WfnetException;
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
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wfnet forget}: what forgetting a class set does, measured on the test split. */
@Command(name = "forget", mixinStandardHelpOptions = true,
        description = "Forget a class set with a bank (rows combined by product) and report ACC_f, ACC_r, the "
                + "original's ACC_r and the drop; or every class alone (--each), every pair (--pairs), or 50 "
                + "seeded triples (--triples).")
final class ForgetCommand extends DomainCommand {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A .safetensors model checkpoint")
    Path model;

    @Parameters(index = "1", paramLabel = "BANK", description = "A bank trained on MODEL")
    Path bank;

    private static final int TRIPLES = 50;
    private static final long TRIPLE_SEED = 42;

    @ArgGroup(multiplicity = "1")
    Selection selection;

    static final class Selection {
        @Option(names = "--classes", split = ",", description = "The classes to forget together, e.g. 3,5 (no"
                + " default: give --classes, --each or --pairs)")
        List<Integer> classes = new ArrayList<>();
        @Option(names = "--each", description = "Every class of the bank alone (default: off)") boolean each;
        @Option(names = "--pairs", description = "Every pair of the bank's classes (default: off)") boolean pairs;
        @Option(names = "--triples", description = "50 triples of the bank's classes, drawn with seed 42 (default: off)")
        boolean triples;
    }

    @Mixin
    DatasetOption data;

    @Option(names = {"-o", "--out"}, description = "Directory for forget.json, forget.csv and forget.md (default:"
            + " none, the table is only printed)")
    Path out;

    @Override
    void execute() throws WfnetException {
        ReportProvenance provenance = new ReportProvenance("forget");
        try (LoadedModel loaded = LoadedModel.open(model); NDManager manager = TorchRuntime.newManager()) {
            AlphaBank alphas = BankCheckpoint.openFor(loaded, bank, manager);
            int[] forgotten = selection.classes.stream().mapToInt(Integer::intValue).toArray();
            // a class the bank cannot forget is refused before the test split is read and predicted
            alphas.layout().rowsFor(forgotten, loaded.checkpoint().classNames());
            var test = data.loadFor(loaded).test();
            ForgettingEvaluator evaluator = new ForgettingEvaluator(loaded, alphas, test, cancel);
            String markdown;
            String csv;
            JsonObject json;
            if (selection.each || selection.pairs || selection.triples) {
                ForgettingTable table = new ForgettingTable(selection.each ? evaluator.eachClass(cancel)
                        : selection.pairs ? evaluator.everyPair(cancel)
                        : evaluator.randomTriples(TRIPLES, TRIPLE_SEED, cancel));
                markdown = table.toMarkdown();
                csv = table.toCsv();
                json = table.toJson();
            } else {
                ForgettingReport report = evaluator.evaluate(forgotten, cancel);
                markdown = report.toMarkdown();
                csv = report.toCsv();
                json = report.toJson();
            }
            json.addProperty("model_sha256", loaded.sha256());
            json.addProperty("bank", bank.toString());
            out().print(markdown);
            if (out != null) {
                json.add("provenance", provenance.model(loaded).bank(bank).data("test", test)
                        .at(0, Map.of("classes", selection.each ? "each" : selection.pairs ? "pairs"
                                : selection.triples ? "triples" : selection.classes.toString(), "data", data.spec))
                        .toJson());
                AtomicFiles.writeString(out.resolve("forget.json"), Json.pretty(json));
                AtomicFiles.writeString(out.resolve("forget.csv"), csv);
                AtomicFiles.writeString(out.resolve("forget.md"), markdown);
                out().println("wrote forget.json, forget.csv and forget.md in " + out);
            }
        }
    }
}
