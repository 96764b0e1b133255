package dev.wfnet.unlearn;

/**
 * The optimiser of the alphas: Adam with a second moment per alpha ({@link #ADAM}, as the reference
 * run) or one per row of each tensor ({@link #ROW_ADAM}, ours: see {@link RowAdam}).
 */
public enum AlphaOptimizer {
    ADAM, ROW_ADAM
}
