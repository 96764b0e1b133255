package dev.wfnet.cli;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import dev.wfnet.WfnetException;
import dev.wfnet.data.DatasetSplits;
import dev.wfnet.eval.compare.Comparison;
import dev.wfnet.eval.compare.ComparisonReport;
import dev.wfnet.eval.compare.ComparisonSettings;
import dev.wfnet.eval.compare.Method;
import dev.wfnet.eval.compare.RunKey;
import dev.wfnet.eval.compare.RunResult;
import dev.wfnet.eval.compare.WfnetBank;
import dev.wfnet.figures.CompareFigures;
import dev.wfnet.figures.FigureExport;
import dev.wfnet.io.AtomicFiles;
import dev.wfnet.io.Json;
import dev.wfnet.io.Provenance;
import dev.wfnet.jobs.Progress;
import dev.wfnet.model.LoadedModel;
import dev.wfnet.model.TorchRuntime;
import dev.wfnet.unlearn.baselines.BaselineSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wfnet compare}: WF-Net against Retrain and the baselines, with the field's metrics. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare WF-Net (a bank) with Retrain and the baselines FT, GA, RL, SalUn and SSD: every method"
                + " x class x seed, UA, RA, TA, forget-class test accuracy, MIA-efficacy, ZRF, run time and Avg. Gap"
                + " to Retrain; mean and standard deviation; JSON, CSV, Markdown and figures. Retrained models and"
                + " finished runs are cached, so an interrupted comparison resumes where it stopped.")
final class CompareCommand extends DomainCommand {
    static final String DEFAULT_METHODS = "retrain,ft,ga,rl,salun,ssd";

    @Parameters(index = "0", paramLabel = "MODEL", description = "A .safetensors model checkpoint")
    Path model;

    @Option(names = "--bank", description = "A WF-Net bank trained on MODEL; WF-Net joins the methods (default: none,"
            + " WF-Net left out)")
    Path bank;

    @Option(names = "--methods", defaultValue = DEFAULT_METHODS, description = "Methods, comma-separated, of wfnet,"
            + " original, retrain, ft, ga, rl, salun, ssd (default: ${DEFAULT-VALUE}; wfnet is added with --bank)")
    String methods;

    @Option(names = "--classes", split = ",", description = "Classes to forget, one at a time (default: every class"
            + " of the bank, else of the model)")
    List<Integer> classes = new ArrayList<>();

    @Option(names = "--seeds", defaultValue = "3", description = "Seeds 0..N-1 for every run (default: ${DEFAULT-VALUE})")
    int seeds;

    @Mixin
    DatasetOption data;

    @Option(names = "--set", description = "A baseline setting METHOD.KEY=VALUE (repeatable), e.g. ft.epochs=2,"
            + " ga.lr=5e-4, salun.fraction=0.5, ssd.alpha=10; Retrain takes wfnet pretrain's keys: retrain.epochs=10,"
            + " retrain.optimizer=sgd, retrain.learning_rate=0.1 (a model not made by wfnet pretrain needs at least"
            + " retrain.epochs) (default: each method's reference settings, Retrain the model's own recipe)")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--mia-samples", defaultValue = "0", description = "At most this many members and non-members"
            + " train the membership-inference attacker (default 0: every retained test image, as the reference)")
    int miaSamples;

    @Option(names = "--cache", description = "Directory for retrained models and finished runs (default: "
            + "$XDG_CACHE_HOME/wfnet/compare or ~/.cache/wfnet/compare)")
    Path cache;

    @Option(names = "--no-cache", description = "Keep no retrained models or finished runs; redo everything"
            + " (default: off)")
    boolean noCache;

    @Option(names = {"-o", "--out"}, required = true, description = "Directory for compare.json, compare-runs.csv,"
            + " compare.md and the figures (required)")
    Path out;

    @Override
    void execute() throws WfnetException {
        Instant started = Instant.now();
        long start = System.nanoTime();
        try (LoadedModel loaded = LoadedModel.open(model); NDManager manager = TorchRuntime.newManager()) {
            WfnetBank wfnet = bank == null ? null : WfnetBank.open(loaded, bank, manager);
            ComparisonSettings settings = settings(loaded, wfnet);
            DatasetSplits splits = data.loadFor(loaded);
            Path cacheDirectory = noCache ? null : cache != null ? cache : Comparison.defaultCacheDirectory();
            Comparison comparison = new Comparison(loaded, wfnet, splits, cacheDirectory);
            comparison.check(settings);
            err().printf(Locale.ROOT, "comparing %s on %s: %d runs (%d method(s) x %d class(es) x %d seed(s)); cache: %s%n",
                    String.join(", ", settings.methods().stream().map(Method::label).toList()), splits.train().name(),
                    settings.runs().size(), settings.methods().size(), settings.classes().length,
                    settings.seeds().length, cacheDirectory == null ? "none" : cacheDirectory);
            ComparisonReport report = comparison.runAll(settings, new Listener(loaded.checkpoint().classNames()),
                    cancel);
            write(report, loaded, wfnet, settings, started, (System.nanoTime() - start) / 1e9);
        }
    }

    private ComparisonSettings settings(LoadedModel loaded, WfnetBank wfnet) throws WfnetException {
        try {
            List<Method> chosen = new ArrayList<>(Method.parseList(methods));
            if (wfnet != null && !chosen.contains(Method.WFNET)) {
                chosen.add(0, Method.WFNET);
            }
            BaselineSettings baselines = BaselineSettings.defaults();
            for (Map.Entry<String, String> entry : overrides.entrySet()) {
                baselines = baselines.with(entry.getKey(), entry.getValue());
            }
            int[] forget = !classes.isEmpty() ? classes.stream().mapToInt(Integer::intValue).toArray()
                    : wfnet != null ? wfnet.classes() : IntStream.range(0, loaded.architecture().classCount()).toArray();
            return new ComparisonSettings(chosen, forget, ComparisonSettings.firstSeeds(seeds), baselines, miaSamples);
        } catch (IllegalArgumentException e) {
            throw new WfnetException("invalid comparison settings: " + e.getMessage(), e);
        }
    }

    private void write(ComparisonReport report, LoadedModel loaded, WfnetBank wfnet, ComparisonSettings settings,
                       Instant started, double seconds) throws WfnetException {
        JsonObject json = report.toJson();
        Map<String, String> inputs = new LinkedHashMap<>(report.context().dataHashes());
        inputs.put("model", loaded.sha256());
        if (wfnet != null) {
            inputs.put("bank", wfnet.sha256());
        }
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put("methods", methods);
        configuration.put("classes", java.util.Arrays.toString(settings.classes()));
        configuration.put("seeds", Integer.toString(seeds));
        configuration.put("data", data.spec);
        configuration.put("mia_samples", Integer.toString(miaSamples));
        for (Method method : settings.methods()) {
            configuration.putAll(settings.describe(method));
        }
        json.add("provenance", new Provenance("compare", inputs, settings.seeds()[0], configuration,
                Provenance.runtimeVersions(TorchRuntime.describe()), started, seconds).toJson());
        String markdown = report.toMarkdown();
        AtomicFiles.writeString(out.resolve("compare.json"), Json.pretty(json));
        AtomicFiles.writeString(out.resolve("compare-runs.csv"), report.toCsv());
        AtomicFiles.writeString(out.resolve("compare.md"), markdown);
        List<Path> figures = FigureExport.writeEveryFormat(CompareFigures.charts(report), out, 1000, 650,
                file -> { });
        out().print(markdown);
        out().printf(Locale.ROOT, "wrote compare.json, compare-runs.csv, compare.md and %d figure files in %s (%.0f s)%n",
                figures.size(), out, seconds);
    }

    /** One permanent line per run, a live line for the steps within it. */
    private final class Listener implements Comparison.Listener {
        private final List<String> classNames;
        private ProgressLine line;
        private String phase = "";

        Listener(List<String> classNames) {
            this.classNames = classNames;
        }

        @Override
        public void started(RunKey key, int index, int total) {
            phase = "";
        }

        @Override
        public void finished(RunResult result, boolean cached, int index, int total) {
            RunKey key = result.key();
            err().printf(Locale.ROOT, "run %d/%d %s, %s (class %d), seed %d%s: UA %.2f%% RA %.2f%% TA %.2f%% "
                            + "MIA-efficacy %.2f%% ZRF %.3f, RTE %.1f s%n", index + 1, total, key.method().label(),
                    classNames.get(key.forgetClass()), key.forgetClass(), key.seed(), cached ? " (cached)" : "",
                    100 * result.metrics().unlearningAccuracy(), 100 * result.metrics().retainAccuracy(),
                    100 * result.metrics().testAccuracy(), 100 * result.metrics().miaEfficacy(),
                    result.metrics().zrf(), result.seconds());
            err().flush();
        }

        @Override
        public void onProgress(Progress progress) {
            if (!progress.phase().equals(phase) && !progress.phase().startsWith("retrain-")) {
                phase = progress.phase();
                line = new ProgressLine(err(), phase);
            }
            if (line != null && !progress.phase().equals("measure")) {
                line.onProgress(progress);
            }
        }
    }
}
