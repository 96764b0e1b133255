package dev.wfnet.jobs;

/** Measures throughput and estimates time left from the steps done since it started. */
public final class ThroughputClock {
    private final long startNanos = System.nanoTime();
    private final long firstStep;

    public ThroughputClock(long firstStep) {
        this.firstStep = firstStep;
    }

    public long firstStep() {
        return firstStep;
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Items per second given how many items were processed since the start. */
    public double rate(long items) {
        double seconds = elapsedSeconds();
        return seconds > 0 ? items / seconds : 0;
    }

    /** Seconds left to reach {@code totalSteps}, from the average step time so far. */
    public double secondsLeft(long step, long totalSteps) {
        long done = step - firstStep;
        return done <= 0 ? Double.NaN : elapsedSeconds() / done * (totalSteps - step);
    }
}
