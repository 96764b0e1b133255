package dev.wfnet.unlearn;

/**
 * When an untraining run writes its checkpoints, and so which one a cancel leaves on disk: the job
 * writes one every {@code checkpointEvery} steps, after that step's snapshot, and checks for a
 * cancel before each step and inside each snapshot, so a cancel inside a snapshot leaves the
 * previous checkpoint. The window and the command line both say it after a cancel.
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
     * @param lastSnapshotStep the step of the last snapshot record that arrived (0 if none)
     */
    public static long keptAfterCancel(UntrainConfig config, long startStep, long lastStep, long lastSnapshotStep) {
        long completed = lastStep;
        int snapshotEvery = config.snapshotEvery();
        boolean snapshotDue = snapshotEvery > 0 && completed > 0 && completed % snapshotEvery == 0;
        if (snapshotDue && lastSnapshotStep < completed) {
            completed--;
        }
        int every = config.checkpointEvery();
        long written = every > 0 ? completed / every * every : 0;
        return Math.max(written, startStep);
    }
}
