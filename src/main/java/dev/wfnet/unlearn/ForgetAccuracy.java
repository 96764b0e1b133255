package dev.wfnet.unlearn;

import java.util.Arrays;

/**
 * Accuracy split by a forgotten class set: on the images of each forgotten class (ACC_f, goal 0)
 * and on the images of every other class together (ACC_r, goal: the original's).
 *
 * @param forgotten the forgotten classes
 * @param forgetAccuracy ACC_f of each forgotten class, same order
 * @param retainAccuracy ACC_r over all images of the other classes
 */
public record ForgetAccuracy(int[] forgotten, double[] forgetAccuracy, double retainAccuracy) {

    public ForgetAccuracy {
        forgotten = forgotten.clone();
        forgetAccuracy = forgetAccuracy.clone();
    }

    public static ForgetAccuracy of(int[] predictions, int[] labels, int[] forgotten) {
        if (predictions.length != labels.length) {
            throw new IllegalArgumentException(predictions.length + " predictions for " + labels.length + " labels");
        }
        int[] forgetCorrect = new int[forgotten.length];
        int[] forgetTotal = new int[forgotten.length];
        int retainCorrect = 0;
        int retainTotal = 0;
        for (int i = 0; i < labels.length; i++) {
            int position = indexOf(forgotten, labels[i]);
            boolean correct = predictions[i] == labels[i];
            if (position >= 0) {
                forgetTotal[position]++;
                forgetCorrect[position] += correct ? 1 : 0;
            } else {
                retainTotal++;
                retainCorrect += correct ? 1 : 0;
            }
        }
        double[] forget = new double[forgotten.length];
        for (int k = 0; k < forget.length; k++) {
            forget[k] = forgetTotal[k] == 0 ? Double.NaN : (double) forgetCorrect[k] / forgetTotal[k];
        }
        return new ForgetAccuracy(forgotten, forget, retainTotal == 0 ? Double.NaN : (double) retainCorrect / retainTotal);
    }

    @Override
    public int[] forgotten() {
        return forgotten.clone();
    }

    @Override
    public double[] forgetAccuracy() {
        return forgetAccuracy.clone();
    }

    /** The worst (highest) ACC_f of the set. */
    public double worstForgetAccuracy() {
        return Arrays.stream(forgetAccuracy).max().orElse(Double.NaN);
    }

    private static int indexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
