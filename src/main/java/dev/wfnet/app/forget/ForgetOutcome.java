package dev.wfnet.app.forget;

import dev.wfnet.eval.ConfusionMatrix;
import dev.wfnet.eval.ForgettingReport;

/**
 * What the filtered model does with one class set forgotten, on the workspace's test split.
 *
 * @param report per-class accuracy beside the original's, ACC_f, ACC_r
 * @param predictions the filtered model's prediction for every test image
 * @param confusion the filtered model's confusion matrix
 * @param latencyMillis from the toggle to this outcome, including any wait for an earlier evaluation
 * @param cached whether it came from the cache of class sets already evaluated
 */
public record ForgetOutcome(ForgettingReport report, int[] predictions, ConfusionMatrix confusion,
                            double latencyMillis, boolean cached) {

    public int[] forgotten() {
        return report.forgotten();
    }

    @Override
    public int[] predictions() {
        return predictions.clone();
    }

    public int prediction(int testIndex) {
        return predictions[testIndex];
    }
}
