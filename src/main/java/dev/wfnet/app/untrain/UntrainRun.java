package dev.wfnet.app.untrain;

import dev.wfnet.WfnetException;
import dev.wfnet.app.workspace.Workspace;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.jobs.Progress;
import dev.wfnet.jobs.ProgressListener;
import dev.wfnet.unlearn.BankCheckpoint;
import dev.wfnet.unlearn.BankLayout;
import dev.wfnet.unlearn.CheckpointSchedule;
import dev.wfnet.unlearn.MemoryEstimate;
import dev.wfnet.unlearn.UntrainConfig;
import dev.wfnet.unlearn.UntrainingJob;
import java.nio.file.Path;
import java.util.Map;

/**
 * One untraining run of the view: what it trains on, where its files go, and what is known of
 * how far it got, so that a cancel can say which checkpoint is kept. {@link #execute} is the
 * background part; everything else is called on the delivery thread.
 */
final class UntrainRun {
    /** Progress phase of the record sent before the first step: the bank's size and memory. */
    static final String PREPARE = "prepare";

    /** A finished run: the bank written (without optimiser state) and what the round cost. */
    record Finished(Path bankFile, BankCheckpoint bank, UntrainingJob.Result result) {
    }

    private final Workspace workspace;
    private final UntrainConfig requested;
    private final Path bankFile;
    private final Path checkpointFile;
    private final Path resumeFile;
    private final CancellationToken token = new CancellationToken();
    // written by the job's thread before its first progress record, read after the run on the delivery thread
    private volatile UntrainConfig config;
    private volatile int startStep;
    private long lastStep;

    /**
     * @param config the settings, or null to take those of the checkpoint resumed from
     * @param resumeFile the checkpoint to resume from, or null for a fresh run
     */
    UntrainRun(Workspace workspace, UntrainConfig config, Path bankFile, Path checkpointFile, Path resumeFile) {
        this.workspace = workspace;
        this.requested = config;
        this.config = config;
        this.bankFile = bankFile;
        this.checkpointFile = checkpointFile;
        this.resumeFile = resumeFile;
    }

    /** A fresh run writing {@code bankFile}, its checkpoint beside it. */
    static UntrainRun fresh(Workspace workspace, UntrainConfig config, Path bankFile) {
        return new UntrainRun(workspace, config, bankFile, UntrainingJob.checkpointFileFor(bankFile), null);
    }

    /**
     * A run continuing a checkpoint file with that checkpoint's settings; the bank goes where a run
     * writing it would have put it (".checkpoint" dropped), else to {@code fallbackBankFile}.
     */
    static UntrainRun resuming(Workspace workspace, Path checkpoint, Path fallbackBankFile) {
        String name = checkpoint.toString();
        Path bank = name.endsWith(".checkpoint.safetensors")
                ? Path.of(name.substring(0, name.length() - ".checkpoint.safetensors".length()) + ".safetensors")
                : fallbackBankFile;
        return new UntrainRun(workspace, null, bank, checkpoint, checkpoint);
    }

    /** The same run again, from the checkpoint it kept when it was cancelled. */
    UntrainRun resumed() {
        return new UntrainRun(workspace, requested == null ? config : requested, bankFile, checkpointFile,
                checkpointFile);
    }

    Workspace workspace() {
        return workspace;
    }

    Path bankFile() {
        return bankFile;
    }

    Path checkpointFile() {
        return checkpointFile;
    }

    boolean isResume() {
        return resumeFile != null;
    }

    void cancel() {
        token.cancel();
    }

    /** The background part: read the checkpoint resumed from, train, write the bank. */
    Finished execute(ProgressListener listener) throws WfnetException {
        BankCheckpoint resumeFrom = resumeFile == null ? null : BankCheckpoint.read(resumeFile);
        UntrainConfig settings = requested != null ? requested : resumeFrom.config();
        config = settings;
        startStep = resumeFrom == null ? 0 : resumeFrom.step();
        UntrainingJob job = new UntrainingJob(workspace.model(), workspace.data(), settings, checkpointFile);
        BankLayout layout = job.layout();
        MemoryEstimate memory = job.memoryEstimate();
        listener.onProgress(new Progress(PREPARE, startStep, settings.steps(), 0, Double.NaN, Map.of(
                "rows", (double) layout.rows(), "alphas", (double) layout.alphaCount(),
                "memory_bytes", (double) memory.totalBytes())));
        // the view's own token, not the runner's: the view cancels both, and a test runner that runs
        // the job synchronously hands out its handle only after the job is over
        UntrainingJob.Result result = job.run(resumeFrom, listener, token);
        BankCheckpoint bank = result.bank().withoutOptimizerState();
        bank.write(bankFile);
        return new Finished(bankFile, bank, result);
    }

    /** Notes a record on the delivery thread: how far the run got. */
    void record(Progress progress) {
        if (UntrainingJob.STEP.equals(progress.phase())) {
            lastStep = progress.step();
        }
    }

    /** The step the run started from: 0, or the step of the checkpoint it resumed. */
    int startStep() {
        return startStep;
    }

    long lastStep() {
        return lastStep;
    }

    /** The step of the checkpoint on disk after a cancel, or 0 when there is none. */
    long checkpointStepAfterCancel() {
        UntrainConfig settings = config;
        return settings == null ? 0 : CheckpointSchedule.keptAfterCancel(settings, startStep, lastStep);
    }

    /** The settings the run used, once it started; null before. */
    UntrainConfig config() {
        return config;
    }
}
