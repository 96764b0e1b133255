package dev.wfnet.app.background;

import dev.wfnet.jobs.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Gathers a job's progress records as the job reports them and hands them on in batches, at most
 * one batch per interval, so a job that reports a hundred steps a second costs the window ten
 * updates, not a hundred. No record is dropped: a batch holds every record since the last one,
 * oldest first, so a view can keep the last value and still draw every point. A record that
 * arrives within the interval waits for a delivery scheduled at the interval's end, and
 * {@link #flush()} hands on what is left when the job ends.
 */
public final class ProgressCoalescer {
    /** The window's pace: ten batches a second. */
    public static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** Runs a task after a delay, on any thread. */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(Runnable task, long delayNanos);
    }

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "wfnet-progress");
        thread.setDaemon(true);
        return thread;
    });

    private final LongSupplier clock;
    private final Scheduler scheduler;
    private final long intervalNanos;
    private final Consumer<List<Progress>> deliver;
    private final List<Progress> pending = new ArrayList<>();
    private long lastDelivery;
    private boolean delivered;
    private boolean scheduled;

    /**
     * @param clock nanoseconds from any fixed origin ({@code System::nanoTime})
     * @param scheduler runs the delivery of records that arrived too soon after a batch
     * @param deliver takes each batch; called on the job's thread or the scheduler's, never twice at once
     */
    public ProgressCoalescer(LongSupplier clock, Scheduler scheduler, long intervalNanos,
                             Consumer<List<Progress>> deliver) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.intervalNanos = intervalNanos;
        this.deliver = deliver;
    }

    /** Ten batches a second at most, timed by the system clock. */
    public static ProgressCoalescer atWindowPace(Consumer<List<Progress>> deliver) {
        return new ProgressCoalescer(System::nanoTime,
                (task, delay) -> TIMER.schedule(task, delay, TimeUnit.NANOSECONDS), INTERVAL_NANOS, deliver);
    }

    /** Takes a record: hands it on at once if the last batch is an interval old, else with the next batch. */
    public synchronized void offer(Progress record) {
        pending.add(record);
        if (scheduled) {
            return;
        }
        long wait = delivered ? lastDelivery + intervalNanos - clock.getAsLong() : 0;
        if (wait <= 0) {
            deliverPending();
        } else {
            scheduled = true;
            scheduler.schedule(this::deliverDue, wait);
        }
    }

    /** Hands on every record not yet handed on, however recent the last batch: the job has ended. */
    public synchronized void flush() {
        deliverPending();
    }

    private synchronized void deliverDue() {
        scheduled = false;
        deliverPending();
    }

    private void deliverPending() {
        if (pending.isEmpty()) {
            return;
        }
        List<Progress> batch = List.copyOf(pending);
        pending.clear();
        lastDelivery = clock.getAsLong();
        delivered = true;
        deliver.accept(batch);
    }
}
