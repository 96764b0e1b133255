package dev.wfnet.unlearn.baselines;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.wfnet.WfnetException;
import dev.wfnet.data.DatasetSplits;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.jobs.Progress;
import dev.wfnet.jobs.ProgressListener;
import dev.wfnet.model.BaseModelTrainer;
import dev.wfnet.model.EngineValues;
import dev.wfnet.model.NetworkWeights;
import dev.wfnet.model.TorchRuntime;
import dev.wfnet.model.TrainingConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one baseline on one task: every method but Retrain starts from a copy of the original
 * weights; Retrain trains from scratch without the class, or takes the model from the cache.
 * Progress goes out under the method's id as phase; the token is checked every step.
 */
public final class Baselines {

    private Baselines() {
    }

    /**
     * @param seed seeds the method's randomness (shuffling, random labels, Retrain's initialisation)
     * @param cache where Retrain keeps its models; null trains every time and keeps nothing
     */
    public static UnlearnedModel run(Baseline baseline, UnlearningTask task, BaselineSettings settings, long seed,
                                     RetrainCache cache, ProgressListener listener, CancellationToken cancel)
            throws WfnetException {
        if (baseline == Baseline.RETRAIN) {
            return retrain(task, settings, seed, cache, listener, cancel);
        }
        long start = System.nanoTime();
        NDManager manager = TorchRuntime.newManager();
        try {
            NetworkWeights weights = NetworkWeights.load(task.architecture(), task.original().toHost(), manager,
                    "a copy of the original weights");
            Map<String, String> described = new LinkedHashMap<>(settings.describe(baseline));
            ImageDataset train = task.train();
            switch (baseline) {
                case FT -> WeightUpdates.run(task, weights, manager, task.retainIndices(), (image, random) ->
                        train.label(image), false, settings.ft(), null, seed, baseline.id(), listener, cancel);
                case GA -> {
                    int[] forget = task.forgetIndices();
                    long planned = (long) GradientStatistics.batches(forget.length, settings.ga().batchSize())
                            * settings.ga().epochs();
                    long ran = WeightUpdates.run(task, weights, manager, forget, (image, random) -> train.label(image),
                            true, settings.ga(), null, seed, baseline.id(), listener, cancel);
                    described.put("ga.steps_run", ran + " of " + planned + (ran < planned
                            ? " (stopped: the forget set's cross-entropy overflowed)" : ""));
                }
                case RL -> WeightUpdates.run(task, weights, manager, task.allIndices(), randomLabels(task), false,
                        settings.rl(), null, seed, baseline.id(), listener, cancel);
                case SALUN -> {
                    Map<String, NDArray> saliency = GradientStatistics.sum(task, weights, manager,
                            task.forgetIndices(), settings.salun().batchSize(), false, "salun-mask", listener, cancel);
                    SaliencyMask mask = new SaliencyMask(saliency, weights.trainable(), settings.salunFraction());
                    saliency.values().forEach(NDArray::close);
                    described.put("salun.marked_share", Double.toString(mask.share()));
                    WeightUpdates.run(task, weights, manager, task.allIndices(), randomLabels(task), false,
                            settings.salun(), mask, seed, baseline.id(), listener, cancel);
                }
                case SSD -> described.put("ssd.dampened_weights", Long.toString(dampen(task, weights, manager,
                        settings, listener, cancel)));
                default -> throw new IllegalStateException("unhandled " + baseline);
            }
            return new UnlearnedModel(weights, manager, (System.nanoTime() - start) / 1e9, described);
        } catch (WfnetException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * RL's target: a uniformly random class for each forget-set image at each visit (the reference
     * draws from every class, {@code torch.randint(0, num_classes)}), the true label for the rest.
     */
    private static WeightUpdates.Target randomLabels(UnlearningTask task) {
        int classes = task.architecture().classCount();
        ImageDataset train = task.train();
        return (image, random) -> train.label(image) == task.forgetClass() ? random.nextInt(classes)
                : train.label(image);
    }

    private static long dampen(UnlearningTask task, NetworkWeights weights, NDManager manager,
                               BaselineSettings settings, ProgressListener listener, CancellationToken cancel)
            throws WfnetException {
        try (NDManager scratch = manager.newSubManager()) {
            int batch = settings.ssdBatch();
            int[] forget = task.forgetIndices();
            int[] all = task.allIndices();
            Map<String, NDArray> forgetImportance = mean(GradientStatistics.sum(task, weights, scratch, forget, batch,
                    true, "ssd-forget", listener, cancel), GradientStatistics.batches(forget.length, batch));
            Map<String, NDArray> overallImportance = mean(GradientStatistics.sum(task, weights, scratch, all, batch,
                    true, "ssd-all", listener, cancel), GradientStatistics.batches(all.length, batch));
            return SynapticDampening.dampen(weights.trainable(), overallImportance, forgetImportance,
                    settings.ssdAlpha(), settings.ssdLambda());
        }
    }

    private static Map<String, NDArray> mean(Map<String, NDArray> sums, int batches) {
        sums.values().forEach(sum -> EngineValues.divideInPlace(sum, batches));
        return sums;
    }

    private static UnlearnedModel retrain(UnlearningTask task, BaselineSettings settings, long seed,
                                          RetrainCache cache, ProgressListener listener, CancellationToken cancel)
            throws WfnetException {
        TrainingConfig recipe = TrainingRecipe.forRetrain(task.checkpoint(), settings.retrainRecipe(), seed);
        Map<String, String> description = new LinkedHashMap<>();
        description.put("cache_format", "1");
        description.put("model_sha256", task.model().sha256());
        description.put("architecture", task.architecture().spec().toString());
        description.put("train_data_sha256", BaseModelTrainer.datasetHash(task.train()));
        description.put("forget_class", Integer.toString(task.forgetClass()));
        description.put("seed", Long.toString(seed));
        recipe.describe().forEach((name, value) -> description.put("recipe." + name, value));
        RetrainCache.Entry entry = cache == null ? null : cache.find(description).orElse(null);
        if (entry == null) {
            double[] testSeconds = new double[1];
            DatasetSplits retained = new DatasetSplits(task.withoutForgetClass(task.train()),
                    task.withoutForgetClass(task.data().test()));
            BaseModelTrainer.Result result = BaseModelTrainer.train(task.architecture(), retained,
                    task.normalization(), recipe, progress -> {
                        Double seconds = progress.metrics().get(BaseModelTrainer.TEST_SECONDS);
                        testSeconds[0] += seconds == null ? 0 : seconds;
                        listener.onProgress(new Progress(progress.phase().equals("train") ? Baseline.RETRAIN.id()
                                : "retrain-" + progress.phase(), progress.step(), progress.totalSteps(),
                                progress.itemsPerSecond(), progress.secondsLeft(), progress.metrics()));
                    }, cancel);
            double trainingSeconds = result.seconds() - testSeconds[0];
            entry = cache == null
                    ? new RetrainCache.Entry(result.checkpoint(), null, "", trainingSeconds, false)
                    : cache.store(description, result.checkpoint(), trainingSeconds);
        }
        Map<String, String> described = new LinkedHashMap<>();
        recipe.describe().forEach((name, value) -> described.put("retrain." + name, value));
        described.put("retrain.seed", Long.toString(seed));
        described.put("retrain.model_sha256", entry.sha256());
        described.put("retrain.cached", Boolean.toString(entry.hit()));
        NDManager manager = TorchRuntime.newManager();
        try {
            NetworkWeights weights = NetworkWeights.load(task.architecture(), entry.checkpoint().tensors(), manager,
                    entry.file() == null ? "the retrained model" : entry.file().toString());
            return new UnlearnedModel(weights, manager, entry.trainingSeconds(), described);
        } catch (WfnetException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }
}
