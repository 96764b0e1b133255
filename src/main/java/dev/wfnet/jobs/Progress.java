package dev.wfnet.jobs;

import java.util.Map;

/**
 * One progress report of a job: where it is, how fast it goes and the figures it tracks.
 *
 * @param phase a short word for what runs now ("train", "evaluate")
 * @param step steps done so far
 * @param totalSteps steps the job will run in all
 * @param itemsPerSecond throughput in the job's own items (images, pairs)
 * @param secondsLeft estimated time left, or NaN before there is an estimate
 * @param metrics named figures of this step (losses, accuracies), in insertion order
 */
public record Progress(String phase, long step, long totalSteps, double itemsPerSecond,
                       double secondsLeft, Map<String, Double> metrics) {

    public Progress {
        metrics = Map.copyOf(metrics);
    }

    public double fraction() {
        return totalSteps == 0 ? 0 : (double) step / totalSteps;
    }
}
