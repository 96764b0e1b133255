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
import dev.wfnet.model.HostCopies;
import dev.wfnet.model.LoadedModel;
import dev.wfnet.model.TorchRuntime;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One WF-Net untraining round as a job: label-expanded batches, the class-grouped objective,
 * Adam on the alphas with a clamp to [0, 1], progress every step, per-class ACC_f / ACC_r
 * snapshots, atomic checkpoints written off the training thread ({@link CheckpointWriter}), cancel
 * at any step, resume, and a stop on NaN or Inf that keeps the last good checkpoint.
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
     * @param checkSeconds time spent in the checks on the held-out split
     * @param checkpointSeconds time the training thread spent on checkpoints: copying the alphas and
     *     moments to the host, waiting for the background writer (at most the final write, usually)
     */
    public record Result(BankCheckpoint bank, double seconds, double trainingSeconds, double msPerStep,
                         long peakResidentBytes, StopReason stopReason, List<RowStatus> rows, double checkSeconds,
                         double checkpointSeconds) {
    }

    /** Why a round ended. */
    public enum StopReason {
        TARGETS_MET("every row met its targets"), MAX_STEPS("the step limit was reached"),
        MAX_MINUTES("the time limit was reached");

        private final String text;

        StopReason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
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
        HeldOutSplit split = HeldOutSplit.of(train, config.validationPerClass());
        int[] labels = train.labels();
        int[] retainPool = LabelExpansion.retainPool(split.trainIndices(), labels, layout);
        int[] forgetPool = LabelExpansion.forgetPool(split.trainIndices(), labels, layout);
        int[][] forgetPools = LabelExpansion.poolsByRow(forgetPool, labels, layout);
        if (forgetPool.length == 0 || retainPool.length == 0) {
            throw new WfnetException("the training split has no images of the classes to forget or none to retain");
        }
        Instant started = Instant.now();
        int startStep = resumeFrom == null ? 0 : resumeFrom.step();
        ThroughputClock clock = new ThroughputClock(startStep);
        dev.wfnet.model.PeakMemory.reset();
        try (NDManager manager = TorchRuntime.newManager(); CheckpointWriter writer = new CheckpointWriter()) {
            AlphaBank bank = resumeFrom == null ? AlphaBank.ones(layout, manager)
                    : AlphaBank.load(layout, resumeFrom.alphas(), manager, "resume checkpoint");
            AlphaAdam optimizer = new AlphaAdam(config.optimizer(), bank.alphas());
            if (resumeFrom != null) {
                restore(optimizer, resumeFrom);
            }
            RowChecks checks = new RowChecks(model, split.validation(), layout, config, cancel);
            double[][] partners = LabelExpansion.partnerProbabilities(layout, checks.labels(),
                    checks.originalPredictions());
            WfnetObjective objective = new WfnetObjective(architecture, model.weights(), config);
            String resumed = resumeFrom == null ? "no checkpoint was written yet"
                    : "the checkpoint it resumed from (step " + startStep + ") is unchanged";
            boolean[] frozen = new boolean[layout.rows()];
            RowStepShares shares = new RowStepShares(layout.rows(), config.stepDecay());
            List<RowStatus> status = List.of();
            long stepNanos = 0;
            long checkNanos = 0;
            long checkpointNanos = 0;
            long deadline = config.maxMinutes() > 0 ? System.nanoTime() + (long) (config.maxMinutes() * 60e9)
                    : Long.MAX_VALUE;
            int done = startStep;
            StopReason reason = StopReason.MAX_STEPS;
            while (done < config.steps()) {
                cancel.throwIfCancelled();
                if (System.nanoTime() > deadline) {
                    reason = StopReason.MAX_MINUTES;
                    break;
                }
                int step = done;
                long stepStart = System.nanoTime();
                LabelExpansion expansion = draw(forgetPool, retainPool, forgetPools, labels, layout, frozen, partners,
                        step);
                GroupedBatch batch = GroupedBatch.of(expansion, train, normalization);
                try (NDScope scope = new NDScope()) {
                    NDArray images = EngineValues.copyOf(manager, batch.pixels(),
                            new Shape(train.shape().asBatchShape(batch.size())));
                    NDArray labelArray = EngineValues.copyOf(manager, batch.labels());
                    WfnetObjective.Terms terms;
                    try (GradientCollector collector = TorchRuntime.engine().newGradientCollector()) {
                        terms = objective.evaluate(bank, batch, images, labelArray);
                        collector.backward(terms.loss());
                    }
                    double loss = terms.loss().getFloat();
                    if (!Double.isFinite(loss)) {
                        throw new WfnetException("untraining stopped at step " + (step + 1) + ": the loss became "
                                + loss + "; " + lastGood(writer, resumed) + "; lower the learning rate or raise eps");
                    }
                    if (!optimizer.gradientsFinite()) {
                        // the alphas are still those of the step before: nothing is written, nothing is lost
                        throw new WfnetException("untraining stopped at step " + (step + 1) + ": the loss was "
                                + loss + " but its gradient is not a finite number (the derivative of 1/(CE + eps) "
                                + "reaches 1/eps^2 for images the model is sure of); " + lastGood(writer, resumed)
                                + "; raise eps or lower l1");
                    }
                    optimizer.step(config.learningRateAt(step), shares.forStep(frozen));
                    bank.clamp();
                    stepNanos += System.nanoTime() - stepStart;
                    reportStep(listener, clock, step + 1, terms, loss, expansion.rowSets().size());
                }
                done = step + 1;
                if (checkpointFile != null && config.checkpointEvery() > 0 && done % config.checkpointEvery() == 0) {
                    long checkpointStart = System.nanoTime();
                    writer.submit(checkpoint(bank, optimizer, layout, done, started, clock), checkpointFile);
                    checkpointNanos += System.nanoTime() - checkpointStart;
                }
                if (config.snapshotEvery() > 0 && (done % config.snapshotEvery() == 0 || done == config.steps())) {
                    long checkStart = System.nanoTime();
                    status = checks.check(bank, frozen, status);
                    checkNanos += System.nanoTime() - checkStart;
                    listener.onProgress(snapshot(status, done, clock));
                    shares.afterCheck(status, config);
                    if (config.stopOnTargets()) {
                        status.forEach(row -> frozen[row.row()] |= row.met());
                        if (status.stream().allMatch(RowStatus::met)) {
                            reason = StopReason.TARGETS_MET;
                            break;
                        }
                    }
                }
            }
            long checkpointStart = System.nanoTime();
            BankCheckpoint finished = checkpoint(bank, optimizer, layout, done, started, clock);
            if (checkpointFile != null) {
                writer.submit(finished, checkpointFile);
                writer.finish();
            }
            checkpointNanos += System.nanoTime() - checkpointStart;
            int stepsRun = done - startStep;
            return new Result(finished, clock.elapsedSeconds(), stepNanos / 1e9,
                    stepsRun == 0 ? 0 : stepNanos / 1e6 / stepsRun, dev.wfnet.model.PeakMemory.peakBytes(),
                    reason, status, checkNanos / 1e9, checkpointNanos / 1e9);
        }
    }

    /**
     * What is left to resume from, for a message about a failed step: the last checkpoint written
     * (after the write under way ends), else {@code otherwise}.
     */
    private String lastGood(CheckpointWriter writer, String otherwise) {
        try {
            writer.finish();
        } catch (WfnetException failed) {
            // the step's own failure is the one reported; the last checkpoint written is named below
        }
        return writer.lastWritten() < 0 ? otherwise
                : "the last good checkpoint (step " + writer.lastWritten() + ") is kept in " + checkpointFile;
    }

    /** One step's batch, drawn as the settings say; depends on (seed, step) and the frozen rows only. */
    private LabelExpansion draw(int[] forgetPool, int[] retainPool, int[][] forgetPools, int[] labels,
                                BankLayout layout, boolean[] frozen, double[][] partners, int step) {
        Random random = stepRandom(step);
        if (config.sampling() == BatchSampling.PAPER) {
            return LabelExpansion.draw(forgetPool, retainPool, labels, layout, config.batchSize(), config.copies(),
                    random);
        }
        int half = config.batchSize() / 2;
        int forgetPerRow = Math.max(1, Math.round((float) half / layout.rows()));
        int retainPerRow = Math.max(1, Math.round((float) half * config.copies() / layout.rows()));
        return LabelExpansion.stratified(forgetPools, retainPool, labels, layout, frozen, forgetPerRow, retainPerRow,
                config.compose(), partners, random);
    }

    private Random stepRandom(int step) {
        return new Random(config.seed() * 0x9E3779B97F4A7C15L + step);
    }

    private void reportStep(ProgressListener listener, ThroughputClock clock, int step, WfnetObjective.Terms terms,
                            double loss, int rowSets) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", loss);
        metrics.put("retain", terms.retain());
        metrics.put("forget", terms.forget());
        metrics.put("sparsity", terms.sparsity());
        metrics.put("training_rows", (double) rowSets);
        metrics.put("steps_per_second", clock.rate(step - clock.firstStep()));
        listener.onProgress(new Progress(STEP, step, config.steps(),
                clock.rate((long) (step - clock.firstStep()) * config.batchSize()),
                clock.secondsLeft(step, config.steps()), metrics));
    }

    /**
     * Per-class ACC_f, ACC_r and drop of every row on the held-out images, and whether each row meets
     * the targets ({@code met.<class>}: 1 or 0).
     */
    private Progress snapshot(List<RowStatus> status, int step, ThroughputClock clock) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (RowStatus row : status) {
            metrics.put("acc_f." + row.modelClass(), row.forgetAccuracy());
            metrics.put("acc_r." + row.modelClass(), row.retainAccuracy());
            metrics.put("drop." + row.modelClass(), row.drop());
            metrics.put("met." + row.modelClass(), row.met() ? 1.0 : 0.0);
            if (row.pair() != null) {
                metrics.put("pair_partner." + row.modelClass(), (double) row.pair().partnerClass());
                metrics.put("pair_acc_f." + row.modelClass(), row.pair().forgetAccuracy());
                metrics.put("pair_drop." + row.modelClass(), row.pair().drop());
            }
        }
        metrics.put("mean_acc_f", status.stream().mapToDouble(RowStatus::forgetAccuracy).average().orElse(Double.NaN));
        metrics.put("mean_acc_r", status.stream().mapToDouble(RowStatus::retainAccuracy).average().orElse(Double.NaN));
        metrics.put("rows_met", (double) status.stream().filter(RowStatus::met).count());
        return new Progress(SNAPSHOT, step, config.steps(), 0, clock.secondsLeft(step, config.steps()), metrics);
    }

    private BankCheckpoint checkpoint(AlphaBank bank, AlphaAdam optimizer, BankLayout layout, int step,
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

    private static void restore(AlphaAdam optimizer, BankCheckpoint checkpoint) {
        optimizer.setSteps(checkpoint.step());
        copyInto(optimizer.firstMoments(), checkpoint.firstMoments());
        copyInto(optimizer.secondMoments(), checkpoint.secondMoments());
    }

    private static void copyInto(Map<String, NDArray> targets, Map<String, HostTensor> values) {
        targets.forEach((name, target) -> EngineValues.copyInto(target, values.get(name).data()));
    }
}
