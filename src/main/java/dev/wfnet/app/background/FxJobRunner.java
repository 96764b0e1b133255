package dev.wfnet.app.background;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Worker;

/**
 * Runs jobs one after another on a single daemon thread (tensor work on two cores gains nothing
 * from running side by side, see the README) and calls back on the FX thread. Create and use it on
 * the FX thread.
 */
public final class FxJobRunner implements JobRunner, AutoCloseable {
    private final ExecutorService executor;
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(this, "running");
    private final ReadOnlyStringWrapper activity = new ReadOnlyStringWrapper(this, "activity", "");

    public FxJobRunner(String threadName) {
        executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public <T> JobHandle start(String title, Job<T> job, JobCallbacks<T> callbacks) {
        JobService<T> service = new JobService<>(title, job, callbacks);
        service.setExecutor(executor);
        service.stateProperty().addListener((property, before, now) -> {
            if (now == Worker.State.SCHEDULED) {
                running.set(running.get() + 1);
                activity.set(title);
            } else if (isFinished(now) && !isFinished(before)) {
                running.set(running.get() - 1);
                if (running.get() == 0) {
                    activity.set("");
                }
            }
        });
        service.start();
        return new JobHandle() {
            @Override
            public void cancel() {
                service.stop();
            }

            @Override
            public boolean isRunning() {
                return !isFinished(service.getState());
            }
        };
    }

    private static boolean isFinished(Worker.State state) {
        return state == Worker.State.SUCCEEDED || state == Worker.State.FAILED || state == Worker.State.CANCELLED;
    }

    /** How many jobs are queued or running. */
    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The title of the latest job started, empty when idle. */
    public ReadOnlyStringProperty activityProperty() {
        return activity.getReadOnlyProperty();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
