package dev.wfnet.unlearn;

/**
 * How a row composes with one of its most confused partners (docs/method.md, "Checks"): both rows applied
 * together, the two classes' held-out images still recognised as their own class, and the other
 * classes' accuracy against the original's. A pair is held to twice the single-row targets (as checked
 * on the held-out split, {@link UntrainConfig#checkedForgetAccuracy()}).
 *
 * @param partnerClass the class of the partner row
 * @param forgetAccuracy the share of both classes' held-out images still recognised
 * @param forgetError its standard error
 * @param drop how far accuracy on the other classes fell below the original's
 * @param dropError its standard error (paired)
 * @param met whether both pair targets hold
 */
public record PairCheck(int partnerClass, double forgetAccuracy, double forgetError, double drop, double dropError,
                        boolean met) {

    /** How many times the single-row targets a pair is held to. */
    public static final double TARGET_FACTOR = 2;

    /** The same check named from the other row's side: a pair reads the same from either of its rows. */
    public PairCheck withPartner(int otherClass) {
        return new PairCheck(otherClass, forgetAccuracy, forgetError, drop, dropError, met);
    }
}
