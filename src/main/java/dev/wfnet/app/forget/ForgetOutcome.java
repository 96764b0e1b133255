package dev.wfnet.app.forget;

import dev.wfnet.eval.ConfusionMatrix;
import dev.wfnet.eval.ForgettingReport;
import dev.wfnet.eval.Proportions;
import java.util.Arrays;

/**
 * What the filtered model does with one class set forgotten, on the workspace's test split or, for
 * the first answer to a toggle, on a fixed sample of it (an estimate, which the whole split refines).
 *
 * @param report per-class accuracy beside the original's, ACC_f, ACC_r, on the images evaluated
 * @param testIndices the test images evaluated, as indices into the test split, ascending
 * @param predictions the filtered model's prediction for each of them, in the same order
 * @param confusion the filtered model's confusion matrix on them
 * @param splitSize how many images the test split has
 * @param latencyMillis from the toggle to this outcome, including any wait for an earlier evaluation
 * @param cached whether it came from the cache of class sets already evaluated
 */
public record ForgetOutcome(ForgettingReport report, int[] testIndices, int[] predictions, ConfusionMatrix confusion,
                            int splitSize, double latencyMillis, boolean cached) {

    public ForgetOutcome {
        testIndices = testIndices.clone();
        predictions = predictions.clone();
        if (testIndices.length != predictions.length || testIndices.length > splitSize) {
            throw new IllegalArgumentException(predictions.length + " predictions of " + testIndices.length
                    + " test images out of " + splitSize);
        }
    }

    /** On the whole split: every test image, in order. */
    static ForgetOutcome ofSplit(ForgettingReport report, int[] predictions, ConfusionMatrix confusion,
                                 double latencyMillis, boolean cached) {
        int[] all = new int[predictions.length];
        Arrays.setAll(all, i -> i);
        return new ForgetOutcome(report, all, predictions, confusion, predictions.length, latencyMillis, cached);
    }

    public int[] forgotten() {
        return report.forgotten();
    }

    /** Whether this is the first answer, from a sample of the split, that the whole split will refine. */
    public boolean estimate() {
        return testIndices.length < splitSize;
    }

    /** How many test images this outcome was computed on. */
    public int evaluatedImages() {
        return testIndices.length;
    }

    @Override
    public int[] testIndices() {
        return testIndices.clone();
    }

    @Override
    public int[] predictions() {
        return predictions.clone();
    }

    /** Whether {@link #prediction} knows this test image. */
    public boolean evaluated(int testIndex) {
        return Arrays.binarySearch(testIndices, testIndex) >= 0;
    }

    /** The filtered model's prediction of one test image; it must be among those evaluated. */
    public int prediction(int testIndex) {
        int at = Arrays.binarySearch(testIndices, testIndex);
        if (at < 0) {
            throw new IllegalArgumentException("test image " + testIndex + " is not in the " + testIndices.length
                    + " images this outcome was computed on");
        }
        return predictions[at];
    }

    /**
     * The 95% margin (half-width, accuracy units) of ACC_f pooled over the forgotten classes' images
     * evaluated: how far the whole split's figure may be from an estimate's. NaN when nothing is forgotten.
     */
    public double forgetMargin95() {
        return margin(true);
    }

    /** The same for ACC_r, over the images of every class not forgotten. */
    public double retainMargin95() {
        return margin(false);
    }

    private double margin(boolean forgottenClasses) {
        int[] correct = report.filtered().correct();
        int[] total = report.filtered().total();
        int right = 0;
        int all = 0;
        for (int c = 0; c < total.length; c++) {
            int k = c;
            if (Arrays.stream(report.forgotten()).anyMatch(f -> f == k) == forgottenClasses) {
                right += correct[c];
                all += total[c];
            }
        }
        return Proportions.halfWidth95(right, all);
    }
}
