package dev.wfnet.app.background;

/**
 * Runs jobs away from the caller's thread and calls back on the delivery thread. The window uses
 * {@link FxJobRunner}; view-model tests use {@link DirectJobRunner}.
 */
public interface JobRunner {
    /**
     * Starts a job.
     *
     * @param title what the job does, for the status bar and error dialogs
     */
    <T> JobHandle start(String title, Job<T> job, JobCallbacks<T> callbacks);
}
