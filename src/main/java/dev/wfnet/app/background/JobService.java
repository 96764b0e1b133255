package dev.wfnet.app.background;

import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.jobs.JobCancelledException;
import javafx.application.Platform;
import javafx.concurrent.Service;
import javafx.concurrent.Task;

/**
 * One job as a {@code javafx.concurrent.Service}: progress goes to the service's progress and
 * message properties and, in batches of at most ten a second ({@link ProgressCoalescer}), to the
 * callbacks; the outcome to the callbacks, after the last batch.
 * Cancelling raises the job's token instead of interrupting the thread: native tensor code must
 * reach its own check to stop cleanly.
 */
public final class JobService<T> extends Service<T> {
    private final String title;
    private final Job<T> job;
    private final JobCallbacks<T> callbacks;
    private CancellationToken token = new CancellationToken();

    public JobService(String title, Job<T> job, JobCallbacks<T> callbacks) {
        this.title = title;
        this.job = job;
        this.callbacks = callbacks;
        setOnSucceeded(event -> callbacks.onSuccess().accept(getValue()));
        setOnFailed(event -> {
            if (getException() instanceof JobCancelledException) {
                callbacks.onCancelled().run();
            } else {
                callbacks.onFailure().accept(getException());
            }
        });
    }

    public String title() {
        return title;
    }

    /** Asks the running job to stop at its next check. */
    public void stop() {
        token.cancel();
    }

    @Override
    public void start() {
        token = new CancellationToken();
        super.start();
    }

    @Override
    protected Task<T> createTask() {
        CancellationToken taskToken = token;
        return new Task<>() {
            @Override
            protected T call() throws Exception {
                updateMessage(title);
                ProgressCoalescer batches = ProgressCoalescer.atWindowPace(
                        batch -> Platform.runLater(() -> callbacks.onProgress().accept(batch)));
                try {
                    return job.run(progress -> {
                        updateProgress(progress.step(), Math.max(1, progress.totalSteps()));
                        batches.offer(progress);
                    }, taskToken);
                } finally {
                    // posted before the task posts its outcome: the view sees the last step first
                    batches.flush();
                }
            }
        };
    }
}
