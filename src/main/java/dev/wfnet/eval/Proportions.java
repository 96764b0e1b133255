package dev.wfnet.eval;

/** How far a proportion measured on a sample may be from the proportion of the whole. */
public final class Proportions {
    private static final double Z95 = 1.959964;

    private Proportions() {
    }

    /**
     * Half the width of the 95% Agresti-Coull interval of {@code successes} out of {@code trials}
     * (the Wald interval of the proportion with two successes and two failures added, which, unlike
     * the plain Wald interval, does not shrink to nothing at 0% or 100%); NaN without trials.
     */
    public static double halfWidth95(int successes, int trials) {
        if (successes < 0 || successes > trials) {
            throw new IllegalArgumentException(successes + " successes out of " + trials + " trials");
        }
        if (trials == 0) {
            return Double.NaN;
        }
        double n = trials + Z95 * Z95;
        double p = (successes + Z95 * Z95 / 2) / n;
        return Z95 * Math.sqrt(p * (1 - p) / n);
    }
}
