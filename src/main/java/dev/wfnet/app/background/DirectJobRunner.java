package dev.wfnet.app.background;

import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.jobs.JobCancelledException;
import java.util.List;

/**
 * Runs each job at once on the caller's thread: view models behave as in the window, without a
 * toolkit, one step after another. For tests and headless use.
 */
public final class DirectJobRunner implements JobRunner {

    @Override
    public <T> JobHandle start(String title, Job<T> job, JobCallbacks<T> callbacks) {
        CancellationToken token = new CancellationToken();
        try {
            T result = job.run(progress -> callbacks.onProgress().accept(List.of(progress)), token);
            callbacks.onSuccess().accept(result);
        } catch (JobCancelledException e) {
            callbacks.onCancelled().run();
        } catch (Exception e) {
            callbacks.onFailure().accept(e);
        }
        return new JobHandle() {
            @Override
            public void cancel() {
                token.cancel();
            }

            @Override
            public boolean isRunning() {
                return false;
            }
        };
    }
}
