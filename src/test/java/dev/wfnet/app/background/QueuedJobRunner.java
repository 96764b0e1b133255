package dev.wfnet.app.background;

import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.jobs.JobCancelledException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Holds started jobs until the test runs them, one at a time, on the test's thread: the order,
 * coalescing and cancelling of jobs become observable without threads or sleeps.
 */
public final class QueuedJobRunner implements JobRunner {
    private final Deque<Queued<?>> queue = new ArrayDeque<>();

    private static final class Queued<T> implements JobHandle {
        final String title;
        final Job<T> job;
        final JobCallbacks<T> callbacks;
        final CancellationToken token = new CancellationToken();
        boolean running = true;

        Queued(String title, Job<T> job, JobCallbacks<T> callbacks) {
            this.title = title;
            this.job = job;
            this.callbacks = callbacks;
        }

        @Override
        public void cancel() {
            token.cancel();
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        void run() {
            try {
                // A job checks its token at its first batch: a cancelled one stops there.
                token.throwIfCancelled();
                T result = job.run(progress -> callbacks.onProgress().accept(List.of(progress)), token);
                running = false;
                callbacks.onSuccess().accept(result);
            } catch (JobCancelledException e) {
                running = false;
                callbacks.onCancelled().run();
            } catch (Exception e) {
                running = false;
                callbacks.onFailure().accept(e);
            }
        }
    }

    @Override
    public <T> JobHandle start(String title, Job<T> job, JobCallbacks<T> callbacks) {
        Queued<T> queued = new Queued<>(title, job, callbacks);
        queue.add(queued);
        return queued;
    }

    public int pending() {
        return queue.size();
    }

    /** The title of the next job, or null. */
    public String nextTitle() {
        return queue.isEmpty() ? null : queue.peek().title;
    }

    /** Runs the oldest job to its end, with its callbacks; returns its title. */
    public String runNext() {
        Queued<?> next = queue.poll();
        next.run();
        return next.title;
    }

    /** Runs jobs until none is left, jobs started meanwhile included. */
    public void runAll() {
        while (!queue.isEmpty()) {
            runNext();
        }
    }
}
