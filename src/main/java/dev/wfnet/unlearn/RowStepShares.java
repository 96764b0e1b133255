package dev.wfnet.unlearn;

import java.util.Arrays;
import java.util.List;

/**
 * Each bank row's share of the learning rate (docs/method.md, "Per-row step size"). Every row starts
 * with the whole rate. At a check where a row's class is already forgotten but the retained classes
 * lost more than the target, the row's share is multiplied by the step decay: its alphas have done
 * the forgetting, and smaller steps let the retain term pull the other classes back instead of
 * shaking the weights that keep them. At a check where a row's class is recognised again, its share
 * is divided by the decay (up to the whole rate). A frozen row takes no share.
 */
final class RowStepShares {
    /** Below this share a row would barely move in the steps a round has left. */
    static final double SMALLEST = 1.0 / 64;

    private final double[] shares;
    private final double decay;

    RowStepShares(int rows, double decay) {
        this.shares = new double[rows];
        Arrays.fill(shares, 1);
        this.decay = decay;
    }

    /**
     * Lowers the share of every row whose class is forgotten while its drop misses the target, and
     * raises it back (by the inverse of the decay, up to the whole rate) for a row whose class is no
     * longer forgotten, so that a row slowed down for its drop can still forget again.
     */
    void afterCheck(List<RowStatus> status, UntrainConfig config) {
        for (RowStatus row : status) {
            boolean forgotten = row.forgotten(config);
            if (forgotten && !row.retained(config)) {
                shares[row.row()] = Math.max(SMALLEST, shares[row.row()] * decay);
            } else if (!forgotten && decay > 0) {
                shares[row.row()] = Math.min(1, shares[row.row()] / decay);
            }
        }
    }

    /** The shares to step with: 0 for a frozen row. */
    double[] forStep(boolean[] frozen) {
        double[] step = shares.clone();
        for (int row = 0; row < step.length; row++) {
            if (frozen[row]) {
                step[row] = 0;
            }
        }
        return step;
    }
}
