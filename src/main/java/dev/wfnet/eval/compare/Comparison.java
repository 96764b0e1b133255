package dev.wfnet.eval.compare;

import dev.wfnet.WfnetException;
import dev.wfnet.data.DatasetSplits;
import dev.wfnet.eval.UnlearningEvaluator;
import dev.wfnet.eval.UnlearningMetrics;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.jobs.Progress;
import dev.wfnet.jobs.ProgressListener;
import dev.wfnet.model.BaseModelTrainer;
import dev.wfnet.model.LoadedModel;
import dev.wfnet.model.ParameterSource;
import dev.wfnet.unlearn.FilteredModel;
import dev.wfnet.unlearn.baselines.Baselines;
import dev.wfnet.unlearn.baselines.RetrainCache;
import dev.wfnet.unlearn.baselines.UnlearnedModel;
import dev.wfnet.unlearn.baselines.UnlearningTask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs and measures the methods of a comparison on one model and dataset. Each run unlearns a class
 * (WF-Net: the bank row, built in milliseconds; the baselines: a job of their own), measures the
 * result once on both splits and counts every metric from that. Finished runs go to the result
 * cache, retrained models to the retrain cache (both under one directory). Methods without
 * randomness (WF-Net, the original, SSD) unlearn once per class; their seeds differ only in the
 * attacker's sample and ZRF's random model. Not thread-safe: one job at a time.
 */
public final class Comparison {
    private final LoadedModel model;
    private final WfnetBank bank;
    private final DatasetSplits data;
    private final UnlearningEvaluator evaluator;
    private final RetrainCache retrainCache;
    private final ResultCache resultCache;
    private final Map<String, String> dataHashes = new LinkedHashMap<>();
    /** Outputs and costs of the unseeded methods for the class being compared now. */
    private final Map<Method, Unseeded> unseeded = new HashMap<>();
    private int unseededClass = -1;

    /** What a method without randomness produced for a class: the same for every seed. */
    private record Unseeded(UnlearningEvaluator.Outputs outputs, double seconds, Map<String, String> settings) {
    }

    /** Hears of each run as it starts and ends, and of its progress in between. */
    public interface Listener extends ProgressListener {
        default void started(RunKey key, int index, int total) {
        }

        default void finished(RunResult result, boolean cached, int index, int total) {
        }
    }

    /**
     * @param bank the WF-Net bank to compare, or null to compare the baselines alone
     * @param cacheDirectory where retrained models and finished runs are kept; null keeps nothing
     */
    public Comparison(LoadedModel model, WfnetBank bank, DatasetSplits data, Path cacheDirectory)
            throws WfnetException {
        this.model = model;
        this.bank = bank;
        this.data = data;
        this.evaluator = new UnlearningEvaluator(model, data);
        this.retrainCache = cacheDirectory == null ? null : new RetrainCache(cacheDirectory.resolve("retrain"));
        this.resultCache = cacheDirectory == null ? null : new ResultCache(cacheDirectory.resolve("runs"));
        dataHashes.put("train_data_sha256", BaseModelTrainer.datasetHash(data.train()));
        dataHashes.put("test_data_sha256", BaseModelTrainer.datasetHash(data.test()));
    }

    /**
     * Where retrained models and finished runs are kept unless told otherwise:
     * {@code $XDG_CACHE_HOME/wfnet/compare}, or {@code ~/.cache/wfnet/compare}.
     */
    public static Path defaultCacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("wfnet").resolve("compare");
    }

    public LoadedModel model() {
        return model;
    }

    public Optional<WfnetBank> bank() {
        return Optional.ofNullable(bank);
    }

    public DatasetSplits data() {
        return data;
    }

    /** Refuses settings this comparison cannot run, naming the problem. */
    public void check(ComparisonSettings settings) throws WfnetException {
        int classes = model.architecture().classCount();
        for (int c : settings.classes()) {
            if (c < 0 || c >= classes) {
                throw new WfnetException("class " + c + " is not one of the model's " + classes + " classes (0 to "
                        + (classes - 1) + ")");
            }
        }
        if (settings.methods().contains(Method.WFNET)) {
            if (bank == null) {
                throw new WfnetException("WF-Net is among the methods but no bank is open: give one (--bank) or"
                        + " leave wfnet out");
            }
            for (int c : settings.classes()) {
                if (Arrays.stream(bank.classes()).noneMatch(b -> b == c)) {
                    throw new WfnetException("the bank cannot forget class " + c + " ("
                            + model.checkpoint().classNames().get(c) + "); it covers " + Arrays.toString(bank.classes()));
                }
            }
        }
    }

    /** A finished run from the cache, if there is one. */
    public Optional<RunResult> cached(RunKey key, ComparisonSettings settings) {
        return resultCache == null ? Optional.empty() : resultCache.find(describe(key, settings));
    }

    /** Unlearns and measures one run (or takes it from the cache) and caches the result. */
    public RunResult run(RunKey key, ComparisonSettings settings, ProgressListener listener, CancellationToken cancel)
            throws WfnetException {
        Optional<RunResult> cached = cached(key, settings);
        if (cached.isPresent()) {
            return cached.get();
        }
        Map<String, String> described = new LinkedHashMap<>(settings.describe(key.method()));
        UnlearningEvaluator.Outputs outputs;
        double seconds;
        if (!key.method().seeded()) {
            Unseeded once = unseeded(key, settings, listener, cancel);
            outputs = once.outputs();
            seconds = once.seconds();
            described.putAll(once.settings());
        } else {
            try (UnlearnedModel unlearned = Baselines.run(key.method().baseline().orElseThrow(),
                    new UnlearningTask(model, data, key.forgetClass()), settings.baselines(), key.seed(), retrainCache,
                    listener, cancel)) {
                outputs = measure(key, unlearned, listener, cancel);
                seconds = unlearned.seconds();
                described.putAll(unlearned.settings());
            }
        }
        UnlearningMetrics metrics = evaluator.metrics(outputs, key.forgetClass(), key.seed(), settings.miaSamples(),
                cancel);
        RunResult result = new RunResult(key, metrics, seconds, described);
        if (resultCache != null) {
            resultCache.store(describe(key, settings), result);
        }
        return result;
    }

    /** Every run of the settings in order, cached ones without work, and the report of them all. */
    public ComparisonReport runAll(ComparisonSettings settings, Listener listener, CancellationToken cancel)
            throws WfnetException {
        check(settings);
        List<RunKey> keys = settings.runs();
        List<RunResult> results = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            cancel.throwIfCancelled();
            RunKey key = keys.get(i);
            Optional<RunResult> cached = cached(key, settings);
            listener.started(key, i, keys.size());
            RunResult result = cached.isPresent() ? cached.get() : run(key, settings, listener, cancel);
            results.add(result);
            listener.finished(result, cached.isPresent(), i, keys.size());
        }
        return report(settings, results);
    }

    /** The report of finished runs. */
    public ComparisonReport report(ComparisonSettings settings, List<RunResult> results) {
        return new ComparisonReport(ReportContext.of(model, bank, data, dataHashes), settings, results);
    }

    private Unseeded unseeded(RunKey key, ComparisonSettings settings, ProgressListener listener,
                              CancellationToken cancel) throws WfnetException {
        if (unseededClass != key.forgetClass()) {
            unseeded.clear();
            unseededClass = key.forgetClass();
        }
        Unseeded known = unseeded.get(key.method());
        if (known != null) {
            return known;
        }
        Unseeded made;
        switch (key.method()) {
            case WFNET -> {
                long start = System.nanoTime();
                try (FilteredModel filtered = new FilteredModel(model.architecture(), model.weights(),
                        model.checkpoint().normalization(), bank.alphas(),
                        new int[] {bank.checkpoint().layout().rowOf(key.forgetClass())})) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    Map<String, String> described = new LinkedHashMap<>();
                    described.put("wfnet.bank", bank.name());
                    described.put("wfnet.bank_sha256", bank.sha256());
                    described.put("wfnet.bank_training_seconds", Double.toString(bank.trainingSeconds()));
                    described.put("wfnet.bank_classes", Arrays.toString(bank.classes()));
                    bank.checkpoint().config().describe().forEach((name, value) -> described.put("wfnet." + name,
                            value));
                    made = new Unseeded(measure(key, filtered, listener, cancel), seconds, described);
                }
            }
            case ORIGINAL -> made = new Unseeded(measure(key, model.weights(), listener, cancel), 0, Map.of());
            default -> {
                try (UnlearnedModel unlearned = Baselines.run(key.method().baseline().orElseThrow(),
                        new UnlearningTask(model, data, key.forgetClass()), settings.baselines(), key.seed(),
                        retrainCache, listener, cancel)) {
                    made = new Unseeded(measure(key, unlearned, listener, cancel), unlearned.seconds(),
                            unlearned.settings());
                }
            }
        }
        unseeded.put(key.method(), made);
        return made;
    }

    private UnlearningEvaluator.Outputs measure(RunKey key, ParameterSource weights,
                                                ProgressListener listener, CancellationToken cancel)
            throws WfnetException {
        listener.onProgress(new Progress("measure", 0, 1, 0, Double.NaN, Map.of("forget_class",
                (double) key.forgetClass())));
        return evaluator.outputs(weights, cancel);
    }

    /** Everything that determines a run's result: the key of the result cache. */
    private Map<String, String> describe(RunKey key, ComparisonSettings settings) {
        Map<String, String> description = new LinkedHashMap<>(settings.describe(key.method()));
        description.put("model_sha256", model.sha256());
        description.putAll(dataHashes);
        description.put("method", key.method().id());
        description.put("forget_class", Integer.toString(key.forgetClass()));
        description.put("seed", Long.toString(key.seed()));
        if (key.method() == Method.WFNET && bank != null) {
            description.put("bank_sha256", bank.sha256());
        }
        return description;
    }
}
