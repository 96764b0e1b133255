package dev.wfnet.cli;

import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.explain.AlphaReport;
import dev.wfnet.explain.AlphaView;
import dev.wfnet.explain.ExplainSettings;
import dev.wfnet.explain.ModelExplanation;
import dev.wfnet.explain.PerturbationBaseline;
import dev.wfnet.explain.SaliencyMethod;
import dev.wfnet.explain.SaliencyReport;
import dev.wfnet.explain.SaliencySettings;
import dev.wfnet.figures.ExplainFigureSet;
import dev.wfnet.figures.ModelFigureSet;
import dev.wfnet.io.AtomicFiles;
import dev.wfnet.io.Json;
import dev.wfnet.model.LoadedModel;
import dev.wfnet.unlearn.BankCheckpoint;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wfnet explain}: the analyses and figures of a bank, without a display. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Analyse a bank's alphas (layer statistics, class similarity, class-to-filter map), hold them"
                + " against the model on test data (bank similarity vs confusion, Spearman rho; alpha saliency vs"
                + " Grad-CAM vs random by insertion/deletion AUC) and write every figure (PNG, SVG, PDF) and the"
                + " CSV/JSON behind it.")
final class ExplainCommand extends DomainCommand {
    private static final ExplainSettings DEFAULTS = ExplainSettings.defaults();
    private static final SaliencySettings SALIENCY = SaliencySettings.defaults();
    static final String PROVENANCE_FILE = "provenance.json";

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model the bank was trained on")
    Path model;

    @Parameters(index = "1", paramLabel = "BANK", description = "A bank trained on MODEL")
    Path bank;

    @Option(names = {"-o", "--out"}, required = true, description = "Directory for the figures and tables (required)")
    Path out;

    @Option(names = "--threshold", description = "An alpha below this is switched off (default: ${DEFAULT-VALUE})")
    double threshold = DEFAULTS.threshold();

    @Option(names = "--top", description = "Filters listed per class and layer (default: ${DEFAULT-VALUE})")
    int top = DEFAULTS.topK();

    @Mixin
    DatasetOption data;

    @Option(names = "--saliency-images", description = "Test images, balanced over classes, scored by insertion"
            + " and deletion; 0 skips saliency (default: ${DEFAULT-VALUE})")
    int saliencyImages = SALIENCY.images();

    @Option(names = "--steps", description = "Perturbation steps per insertion/deletion curve (default: one per"
            + " image row, 28 for 28x28)")
    int steps = SALIENCY.steps();

    @Option(names = "--baseline", description = "What deleted pixels become and insertion starts from: mean"
            + " (0 after normalisation) or black (intensity 0) (default: ${DEFAULT-VALUE})")
    String baseline = SALIENCY.baseline().label();

    @Option(names = "--seed", description = "Seed of the image selection, the random baseline and the permutation"
            + " test (default: ${DEFAULT-VALUE})")
    long seed = SALIENCY.seed();

    @Override
    void execute() throws WfnetException {
        ReportProvenance provenance = new ReportProvenance("explain");
        try (LoadedModel loaded = LoadedModel.open(model)) {
            ExplainSettings settings;
            SaliencySettings saliency;
            try {
                settings = new ExplainSettings(threshold, top, DEFAULTS.ranking());
                saliency = new SaliencySettings(saliencyImages, steps, SALIENCY.examples(), seed,
                        PerturbationBaseline.of(baseline));
                // checked against the model's images before anything is computed or written
                saliency.stepsFor(loaded.architecture().inputShape());
            } catch (IllegalArgumentException e) {
                throw new WfnetException("invalid explain settings: " + e.getMessage(), e);
            }
            BankCheckpoint checkpoint = BankCheckpoint.read(bank);
            checkpoint.checkModel(loaded, bank);
            AlphaView view = AlphaView.of(checkpoint);
            AlphaReport report = AlphaReport.analyse(view, settings);
            provenance.model(loaded).bank(bank);
            report.writeTo(out, provenance.at(seed, configuration(settings, saliency)));
            List<Path> figures = ExplainFigureSet.writeAll(report, out);
            ImageDataset test = data.loadFor(loaded).test();
            ModelExplanation explanation = ModelExplanation.analyse(loaded, view, report.similarity(), test, saliency,
                    seed, cancel);
            explanation.writeTo(out, provenance.data("test", test).at(seed, configuration(settings, saliency)));
            List<Path> modelFigures = ModelFigureSet.writeAll(explanation, out);
            // one record for every file of the folder, the CSV and figures included: what made them, from
            // which inputs, with which settings (the JSON reports carry it too)
            AtomicFiles.writeString(out.resolve(PROVENANCE_FILE), Json.pretty(provenance
                    .at(seed, configuration(settings, saliency)).toJson()));
            printSummary(explanation);
            out().printf("wrote %d tables and %d figures in %s%n", AlphaReport.FILES.size()
                    + explanation.files().size(), figures.size() + modelFigures.size(), out);
            out().printf("what made them (version, input hashes, settings) is in %s%n", out.resolve(PROVENANCE_FILE));
        }
    }

    private Map<String, String> configuration(ExplainSettings settings, SaliencySettings saliency) {
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put("threshold", Double.toString(settings.threshold()));
        configuration.put("top_k", Integer.toString(settings.topK()));
        configuration.put("ranking", settings.ranking().label());
        configuration.put("data", data.spec);
        configuration.put("saliency_images", Integer.toString(saliency.images()));
        configuration.put("steps", Integer.toString(saliency.steps()));
        configuration.put("examples", Integer.toString(saliency.examples()));
        configuration.put("baseline", saliency.baseline().label());
        return configuration;
    }

    private void printSummary(ModelExplanation explanation) {
        out().printf(java.util.Locale.ROOT, "bank similarity vs confusion on %s: Spearman rho %.3f over %d class pairs,"
                        + " permutation p %.4f%n", explanation.dataset(), explanation.relations().rho(),
                explanation.relations().pairs().size(), explanation.relations().pValue());
        if (explanation.saliency().isEmpty()) {
            out().println("saliency skipped: " + explanation.saliencySkipped());
            return;
        }
        SaliencyReport report = explanation.saliency().get();
        out().printf("saliency on %s, %d images, %s baseline (insertion: higher is better; deletion: lower is"
                + " better)%n", report.featureLayer(), report.imageCount(), report.settings().baseline().label());
        for (SaliencyMethod method : SaliencyMethod.values()) {
            SaliencyReport.MethodResult result = report.method(method);
            out().printf(java.util.Locale.ROOT, "  %-9s insertion AUC %.3f +- %.3f   deletion AUC %.3f +- %.3f%n",
                    method.label(), result.insertionMean(), result.insertionStd(), result.deletionMean(),
                    result.deletionStd());
        }
    }
}
