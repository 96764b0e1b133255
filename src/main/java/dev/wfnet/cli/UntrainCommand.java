package dev.wfnet.cli;

import dev.wfnet.WfnetException;
import dev.wfnet.data.DatasetCatalog;
import dev.wfnet.data.DatasetSplits;
import dev.wfnet.jobs.Progress;
import dev.wfnet.model.LoadedModel;
import dev.wfnet.unlearn.BankCheckpoint;
import dev.wfnet.unlearn.Granularity;
import dev.wfnet.unlearn.LayerSelection;
import dev.wfnet.unlearn.MemoryEstimate;
import dev.wfnet.unlearn.RetainTarget;
import dev.wfnet.unlearn.UntrainConfig;
import dev.wfnet.unlearn.UntrainingJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wfnet untrain}: one WF-Net untraining round. */
@Command(name = "untrain", mixinStandardHelpOptions = true,
        description = "Train a WF-Net alpha bank that can forget any of the chosen classes of a model.")
final class UntrainCommand extends DomainCommand {
    private static final UntrainConfig DEFAULTS = UntrainConfig.defaults();

    @Parameters(index = "0", paramLabel = "MODEL", description = "A .safetensors model checkpoint")
    Path model;

    @Option(names = "--data", defaultValue = "fashion-mnist", description = "Dataset spec (default: ${DEFAULT-VALUE})")
    String data;

    @Option(names = "--classes", split = ",", description = "Classes the bank can forget (default: all)")
    List<Integer> classes = new ArrayList<>();

    @Option(names = "--granularity", defaultValue = "weight", description = "weight (the paper) or filter")
    String granularity;

    @Option(names = "--biases", description = "Also filter biases") boolean biases;
    @Option(names = "--norms", description = "Also filter normalisation scales and shifts") boolean norms;
    @Option(names = "--layers", split = ",", description = "Only these layers (name prefixes, e.g. conv1,fc1)")
    List<String> layers = new ArrayList<>();

    @Option(names = "--l0", description = "Retain loss weight (default 1)") double l0 = DEFAULTS.retainWeight();
    @Option(names = "--l1", description = "Forget loss weight (default 1)") double l1 = DEFAULTS.forgetWeight();
    @Option(names = "--l2", description = "Sparsity weight (default 1)") double l2 = DEFAULTS.sparsityWeight();
    @Option(names = "--eps", description = "eps in 1/(CE+eps) (default 1e-6)") double eps = DEFAULTS.epsilon();
    @Option(names = {"-T", "--copies"}, description = "Retain copies per sample (default 2)")
    int copies = DEFAULTS.copies();
    @Option(names = "--retain-target", defaultValue = "labels",
            description = "What retain pairs are pulled to: labels (the paper) or original (the original model's"
                    + " output distribution, distillation; ours) (default: ${DEFAULT-VALUE})")
    String retainTarget;

    @Option(names = "--batch", description = "Batch size B (default 128)") int batch = DEFAULTS.batchSize();
    @Option(names = "--lr", description = "Adam learning rate (default 0.01)") double lr = DEFAULTS.learningRate();
    @Option(names = "--cosine", description = "Cosine learning-rate decay") boolean cosine;
    @Option(names = "--steps", description = "Optimiser steps (default 400)") int steps = DEFAULTS.steps();
    @Option(names = "--seed", description = "Seed (default 0)") long seed = DEFAULTS.seed();
    @Option(names = "--snapshot-every", description = "Steps between ACC_f/ACC_r snapshots (default 50; 0 none)")
    int snapshotEvery = DEFAULTS.snapshotEvery();
    @Option(names = "--checkpoint-every", description = "Steps between checkpoints (default 100)")
    int checkpointEvery = DEFAULTS.checkpointEvery();
    @Option(names = "--validation-per-class", description = "Held-out test images per class for snapshots")
    int validationPerClass = DEFAULTS.validationPerClass();

    @Option(names = {"-o", "--out"}, required = true, description = "The bank to write (.safetensors)")
    Path out;

    @Option(names = "--checkpoint", description = "Resumable checkpoint file (default: OUT with .checkpoint)")
    Path checkpoint;

    @Option(names = "--resume", description = "Continue from this checkpoint (same model and settings)")
    Path resume;

    @Override
    void execute() throws WfnetException {
        UntrainConfig config;
        try {
            config = new UntrainConfig(classes.stream().mapToInt(Integer::intValue).toArray(),
                    Granularity.parse(granularity), new LayerSelection(biases, norms, layers), l0, l1, l2, eps, copies,
                    batch, lr, cosine, steps, seed, snapshotEvery, checkpointEvery, validationPerClass,
                    RetainTarget.parse(retainTarget));
        } catch (IllegalArgumentException e) {
            throw new WfnetException("invalid untraining settings: " + e.getMessage(), e);
        }
        Path checkpointFile = checkpoint != null ? checkpoint : UntrainingJob.checkpointFileFor(out);
        try (LoadedModel loaded = LoadedModel.open(model)) {
            DatasetSplits splits = DatasetCatalog.load(data, loaded.architecture().inputShape());
            UntrainingJob job = new UntrainingJob(loaded, splits, config, checkpointFile);
            MemoryEstimate memory = job.memoryEstimate();
            err().printf(Locale.ROOT, "untraining %s: %d classes, %,d alphas (%s granularity), about %.0f MB%n", model,
                    job.layout().rows(), job.layout().alphaCount(), config.granularity().label(),
                    memory.totalBytes() / 1048576.0);
            BankCheckpoint resumeFrom = resume == null ? null : BankCheckpoint.read(resume);
            ProgressLine line = new ProgressLine(err(), UntrainingJob.STEP);
            UntrainCancel position = new UntrainCancel(config, resumeFrom == null ? 0 : resumeFrom.step(), resume,
                    checkpointFile, originalArguments(), progress -> line.onProgress(
                    progress.phase().equals(UntrainingJob.SNAPSHOT) ? summarise(progress) : progress));
            afterCancel = position::message;
            UntrainingJob.Result result = job.run(resumeFrom, position, cancel);
            result.bank().withoutOptimizerState().write(out);
            out().printf(Locale.ROOT, "wrote %s: %d steps, %.1f s of training (%.1f ms per step; %.1f s with "
                            + "snapshots and checkpoints), peak memory %.0f MB; resumable checkpoint in %s%n", out,
                    result.bank().step(), result.trainingSeconds(), result.msPerStep(), result.seconds(),
                    result.peakResidentBytes() / 1048576.0, checkpointFile);
        }
    }

    /** A snapshot line shows the means and the worst class rather than every class. */
    private static Progress summarise(Progress snapshot) {
        double worstForget = snapshot.metrics().entrySet().stream().filter(e -> e.getKey().startsWith("acc_f."))
                .mapToDouble(java.util.Map.Entry::getValue).max().orElse(Double.NaN);
        double worstRetain = snapshot.metrics().entrySet().stream().filter(e -> e.getKey().startsWith("acc_r."))
                .mapToDouble(java.util.Map.Entry::getValue).min().orElse(Double.NaN);
        return new Progress("snapshot@" + snapshot.step(), snapshot.step(), snapshot.totalSteps(), 0,
                snapshot.secondsLeft(), java.util.Map.of("mean_acc_f", snapshot.metrics().get("mean_acc_f"),
                "mean_acc_r", snapshot.metrics().get("mean_acc_r"), "worst_acc_f", worstForget,
                "worst_acc_r", worstRetain));
    }
}
