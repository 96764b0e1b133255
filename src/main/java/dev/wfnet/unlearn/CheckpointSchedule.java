package dev.wfnet.unlearn;

/**
 * When an untraining run writes its checkpoints, and so which one a cancel leaves on disk: the job
 * writes one every {@code checkpointEvery} steps, right after the step and before any check of the
 * rows, and checks for a cancel only before each step and inside a check, so every checkpoint due
 * by the last step that reported is on disk. The window and the command line both say it after a
 * cancel.
 */
public final class CheckpointSchedule {
    private CheckpointSchedule() {
    }

    /**
     * The step of the checkpoint on disk after a cancel, or 0 when the run wrote none and resumed
     * from none.
     *
     * @param config the run's settings
     * @param startStep the step it started from: 0, or the step of the checkpoint it resumed
     * @param lastStep the last step whose progress record arrived
     */
    public static long keptAfterCancel(UntrainConfig config, long startStep, long lastStep) {
        int every = config.checkpointEvery();
        long written = every > 0 ? lastStep / every * every : 0;
        return Math.max(written, startStep);
    }
}
