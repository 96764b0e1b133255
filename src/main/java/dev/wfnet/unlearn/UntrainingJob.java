package dev.wfnet.unlearn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.wfnet.WfnetException;
import dev.wfnet.data.DatasetSplits;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.Normalization;
import dev.wfnet.io.HostTensor;
import dev.wfnet.io.Provenance;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.jobs.Progress;
import dev.wfnet.jobs.ProgressListener;
import dev.wfnet.jobs.ThroughputClock;
import dev.wfnet.model.Architecture;
import dev.wfnet.model.EngineValues;
import dev.wfnet.model.GradientOptimizer;
import dev.wfnet.model.HostCopies;
import dev.wfnet.model.LoadedModel;
import dev.wfnet.model.TorchRuntime;
import dev.wfnet.model.TrainingConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * One WF-Net untraining round as a job: label-expanded batches, the class-grouped objective,
 * Adam on the alphas with a clamp to [0, 1], progress every step, per-class ACC_f / ACC_r
 * snapshots, atomic checkpoints, cancel at any step, resume, and a stop on NaN or Inf that keeps
 * the last good checkpoint.
 */
public final class UntrainingJob {
    /** Progress phase of every optimiser step. */
    public static final String STEP = "untrain";
    /** Progress phase of a held-out snapshot. */
    public static final String SNAPSHOT = "snapshot";

    /**
     * The finished bank (with optimiser state) and what the round cost.
     *
     * @param seconds wall time of the whole run, snapshots and checkpoints included
     * @param trainingSeconds time spent in optimiser steps only: the figure the speed bar is about
     * @param msPerStep {@code trainingSeconds} per step run
     */
    public record Result(BankCheckpoint bank, double seconds, double trainingSeconds, double msPerStep,
                         long peakResidentBytes) {
    }

    private final LoadedModel model;
    private final DatasetSplits data;
    private final UntrainConfig config;
    private final Path checkpointFile;

    /**
     * @param checkpointFile where checkpoints go every {@code checkpointEvery} steps and at the end;
     *     null keeps none
     */
    public UntrainingJob(LoadedModel model, DatasetSplits data, UntrainConfig config, Path checkpointFile) {
        this.model = model;
        this.data = data;
        this.config = config;
        this.checkpointFile = checkpointFile;
    }

    /**
     * Where the resumable checkpoint of a run that writes {@code bankFile} goes by default:
     * beside it, so the window and the command line resume each other's runs.
     */
    public static Path checkpointFileFor(Path bankFile) {
        return Path.of(bankFile.toString().replaceAll("\\.safetensors$", "") + ".checkpoint.safetensors");
    }

    /** The layout this job's bank will have. */
    public BankLayout layout() throws WfnetException {
        Architecture architecture = model.architecture();
        return BankLayout.of(architecture, config.bankClasses(architecture.classCount()), config.granularity(),
                config.selection());
    }

    /** The memory the round will need. */
    public MemoryEstimate memoryEstimate() throws WfnetException {
        BankLayout layout = layout();
        long filteredWeights = layout.tensors().stream().mapToLong(t -> HostTensor.elementCount(t.parameterShape()))
                .sum();
        return MemoryEstimate.of(layout, filteredWeights);
    }

    /**
     * Runs the round from the start, or from {@code resumeFrom} (a checkpoint of the same model,
     * layout and settings; its step count may be lower than {@code config.steps()}).
     */
    public Result run(BankCheckpoint resumeFrom, ProgressListener listener, CancellationToken cancel)
            throws WfnetException {
        model.checkCompatible(data.train());
        BankLayout layout = layout();
        memoryEstimate().check(MemoryEstimate.availableBytes());
        if (resumeFrom != null) {
            checkResumable(resumeFrom, layout);
        }
        Architecture architecture = model.architecture();
        Normalization normalization = model.checkpoint().normalization();
        ImageDataset train = data.train();
        int[] forgetPool = LabelExpansion.forgetPool(train.labels(), layout);
        int[] retainPool = LabelExpansion.retainPool(train.labels(), layout);
        if (forgetPool.length == 0 || retainPool.length == 0) {
            throw new WfnetException("the training split has no images of the classes to forget or none to retain");
        }
        ImageDataset validation = firstPerClass(data.test(), config.validationPerClass());
        Instant started = Instant.now();
        int startStep = resumeFrom == null ? 0 : resumeFrom.step();
        ThroughputClock clock = new ThroughputClock(startStep);
        dev.wfnet.model.PeakMemory.reset();
        try (NDManager manager = TorchRuntime.newManager()) {
            AlphaBank bank = resumeFrom == null ? AlphaBank.ones(layout, manager)
                    : AlphaBank.load(layout, resumeFrom.alphas(), manager, "resume checkpoint");
            GradientOptimizer optimizer = new GradientOptimizer(TrainingConfig.OptimizerKind.ADAM, 0, 0,
                    bank.alphas());
            if (resumeFrom != null) {
                restore(optimizer, resumeFrom);
            }
            WfnetObjective objective = new WfnetObjective(architecture, model.weights(), config);
            String lastGood = resumeFrom == null ? "no checkpoint was written yet"
                    : "the checkpoint it resumed from (step " + startStep + ") is unchanged";
            long stepNanos = 0;
            for (int step = startStep; step < config.steps(); step++) {
                cancel.throwIfCancelled();
                long stepStart = System.nanoTime();
                LabelExpansion expansion = LabelExpansion.draw(forgetPool, retainPool, train.labels(), layout,
                        config.batchSize(), config.copies(), stepRandom(step));
                GroupedBatch batch = GroupedBatch.of(expansion, train, normalization, layout.rows());
                WfnetObjective.Terms terms;
                try (NDScope scope = new NDScope()) {
                    NDArray images = EngineValues.copyOf(manager, batch.pixels(),
                            new Shape(train.shape().asBatchShape(batch.size())));
                    NDArray labels = EngineValues.copyOf(manager, batch.labels());
                    try (GradientCollector collector = TorchRuntime.engine().newGradientCollector()) {
                        terms = objective.evaluate(bank, batch, images, labels);
                        collector.backward(terms.loss());
                    }
                    double loss = terms.loss().getFloat();
                    if (!Double.isFinite(loss)) {
                        throw new WfnetException("untraining stopped at step " + (step + 1) + ": the loss became "
                                + loss + "; " + lastGood
                                + "; lower the learning rate or raise eps");
                    }
                    if (!optimizer.gradientsFinite()) {
                        // the alphas are still those of the step before: nothing is written, nothing is lost
                        throw new WfnetException("untraining stopped at step " + (step + 1) + ": the loss was "
                                + loss + " but its gradient is not a finite number (the derivative of 1/(CE + eps) "
                                + "reaches 1/eps^2 for images the model is sure of); " + lastGood
                                + "; raise eps or lower l1");
                    }
                    optimizer.step(config.learningRateAt(step));
                    bank.clamp();
                    stepNanos += System.nanoTime() - stepStart;
                    reportStep(listener, clock, step + 1, terms, loss);
                }
                int done = step + 1;
                if (config.snapshotEvery() > 0 && (done % config.snapshotEvery() == 0 || done == config.steps())) {
                    listener.onProgress(snapshot(bank, layout, validation, done, clock, cancel));
                }
                if (checkpointFile != null && (done == config.steps()
                        || config.checkpointEvery() > 0 && done % config.checkpointEvery() == 0)) {
                    checkpoint(bank, optimizer, layout, done, started, clock).write(checkpointFile);
                    lastGood = "the last good checkpoint (step " + done + ") is kept in " + checkpointFile;
                }
            }
            BankCheckpoint finished = checkpoint(bank, optimizer, layout, config.steps(), started, clock);
            int stepsRun = config.steps() - startStep;
            return new Result(finished, clock.elapsedSeconds(), stepNanos / 1e9,
                    stepsRun == 0 ? 0 : stepNanos / 1e6 / stepsRun, dev.wfnet.model.PeakMemory.peakBytes());
        }
    }

    private Random stepRandom(int step) {
        return new Random(config.seed() * 0x9E3779B97F4A7C15L + step);
    }

    private void reportStep(ProgressListener listener, ThroughputClock clock, int step, WfnetObjective.Terms terms,
                            double loss) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", loss);
        metrics.put("retain", terms.retain());
        metrics.put("forget", terms.forget());
        metrics.put("sparsity", terms.sparsity());
        metrics.put("steps_per_second", clock.rate(step - clock.firstStep()));
        listener.onProgress(new Progress(STEP, step, config.steps(),
                clock.rate((long) (step - clock.firstStep()) * config.batchSize()),
                clock.secondsLeft(step, config.steps()), metrics));
    }

    /** Per-class ACC_f and ACC_r of every row on the held-out images. */
    private Progress snapshot(AlphaBank bank, BankLayout layout, ImageDataset validation, int step,
                              ThroughputClock clock, CancellationToken cancel) throws WfnetException {
        Map<String, Double> metrics = new LinkedHashMap<>();
        double forgetSum = 0;
        double retainSum = 0;
        for (int row = 0; row < layout.rows(); row++) {
            int modelClass = layout.classOfRow(row);
            try (FilteredModel filtered = new FilteredModel(model.architecture(), model.weights(),
                    model.checkpoint().normalization(), bank, new int[] {row})) {
                int[] predictions = filtered.classifier().predict(validation, cancel);
                ForgetAccuracy accuracy = ForgetAccuracy.of(predictions, validation.labels(), new int[] {modelClass});
                metrics.put("acc_f." + modelClass, accuracy.forgetAccuracy()[0]);
                metrics.put("acc_r." + modelClass, accuracy.retainAccuracy());
                forgetSum += accuracy.forgetAccuracy()[0];
                retainSum += accuracy.retainAccuracy();
            }
        }
        metrics.put("mean_acc_f", forgetSum / layout.rows());
        metrics.put("mean_acc_r", retainSum / layout.rows());
        return new Progress(SNAPSHOT, step, config.steps(), 0, clock.secondsLeft(step, config.steps()), metrics);
    }

    private BankCheckpoint checkpoint(AlphaBank bank, GradientOptimizer optimizer, BankLayout layout, int step,
                                      Instant started, ThroughputClock clock) throws WfnetException {
        if (!bank.allFinite()) {
            throw new WfnetException("untraining stopped at step " + step + ": alphas are no longer finite numbers");
        }
        Provenance provenance = new Provenance("untrain", Map.of("model", model.sha256(),
                "train:" + data.train().name(), dev.wfnet.model.BaseModelTrainer.datasetHash(data.train())),
                config.seed(), config.describe(), Provenance.runtimeVersions(TorchRuntime.describe()), started,
                clock.elapsedSeconds());
        return new BankCheckpoint(layout, model.sha256(), model.checkpoint().classNames(), config, step,
                bank.toHost(), HostCopies.of(optimizer.firstMoments()), HostCopies.of(optimizer.secondMoments()), provenance);
    }

    private void checkResumable(BankCheckpoint resumeFrom, BankLayout layout) throws WfnetException {
        if (!resumeFrom.modelSha256().equals(model.sha256())) {
            throw new WfnetException("the checkpoint was made for another model (SHA-256 "
                    + resumeFrom.modelSha256().substring(0, 12) + "...), not this one");
        }
        if (!resumeFrom.resumable()) {
            throw new WfnetException("the checkpoint holds no optimiser state: it is a finished bank, not a "
                    + "resumable checkpoint");
        }
        if (!resumeFrom.layout().equals(layout) || !resumeFrom.config().withSteps(config.steps()).equals(config)) {
            throw new WfnetException("the checkpoint was made with other settings: " + resumeFrom.config().describe());
        }
        if (resumeFrom.step() > config.steps()) {
            throw new WfnetException("the checkpoint is at step " + resumeFrom.step() + ", past the " + config.steps()
                    + " steps asked for");
        }
    }

    private static void restore(GradientOptimizer optimizer, BankCheckpoint checkpoint) {
        optimizer.setSteps(checkpoint.step());
        copyInto(optimizer.firstMoments(), checkpoint.firstMoments());
        copyInto(optimizer.secondMoments(), checkpoint.secondMoments());
    }

    private static void copyInto(Map<String, NDArray> targets, Map<String, HostTensor> values) {
        targets.forEach((name, target) -> EngineValues.copyInto(target, values.get(name).data()));
    }

    /** The first {@code perClass} images of each class, in dataset order: the snapshot split. */
    static ImageDataset firstPerClass(ImageDataset data, int perClass) {
        int[] taken = new int[data.classCount()];
        int[] indices = java.util.stream.IntStream.range(0, data.size())
                .filter(i -> taken[data.label(i)]++ < perClass).toArray();
        return data.subset(data.name() + "[" + perClass + " per class]", indices);
    }
}
