package dev.wfnet.unlearn;

/**
 * Where one bank row stands against the round's targets on the held-out split.
 *
 * @param row the bank row
 * @param modelClass the class it forgets
 * @param forgetAccuracy ACC_f: the share of the class's held-out images still recognised
 * @param retainAccuracy ACC_r: accuracy on the other classes' held-out images with the row applied
 * @param originalRetainAccuracy the original model's accuracy on the same images
 * @param forgetError the standard error of {@code forgetAccuracy}
 * @param dropError the standard error of {@link #drop()} (paired: the same images before and after)
 * @param met whether both targets hold, and the pair's too when checked
 * @param pair the row with its most confused partner; null when not checked (the row itself falls
 *     short, or the round trains no compositions)
 */
public record RowStatus(int row, int modelClass, double forgetAccuracy, double retainAccuracy,
                        double originalRetainAccuracy, double forgetError, double dropError, boolean met,
                        PairCheck pair) {

    /** How far ACC_r fell below the original's (a fraction; negative if it rose). */
    public double drop() {
        return originalRetainAccuracy - retainAccuracy;
    }

    /** Whether ACC_f is within its target as checked on the held-out split. */
    public boolean forgotten(UntrainConfig config) {
        return forgetAccuracy - config.checkedForgetAccuracy() <= 1e-12;
    }

    /** Whether the drop is within its target. */
    public boolean retained(UntrainConfig config) {
        return drop() - config.targetDrop() <= 1e-12;
    }

    /** What a row that falls short lacks, in the units of the targets; empty when it met them. */
    public String shortfall(UntrainConfig config, java.util.List<String> names) {
        StringBuilder text = new StringBuilder();
        double forgetExcess = forgetAccuracy - config.checkedForgetAccuracy();
        double dropExcess = drop() - config.targetDrop();
        if (!forgotten(config)) {
            text.append(String.format(java.util.Locale.ROOT,
                    "ACC_f %.2f%% (+- %.2f) is %.2f points above the held-out target %.2f%%", 100 * forgetAccuracy,
                    100 * forgetError, 100 * forgetExcess, 100 * config.checkedForgetAccuracy()));
        }
        if (!retained(config)) {
            text.append(text.length() > 0 ? "; " : "").append(String.format(java.util.Locale.ROOT,
                    "drop %.2f points (+- %.2f) is %.2f above the target", 100 * drop(), 100 * dropError,
                    100 * dropExcess));
        }
        if (pair != null && !pair.met()) {
            text.append(text.length() > 0 ? "; " : "").append(String.format(java.util.Locale.ROOT,
                    "with %s: ACC_f %.2f%% (+- %.2f), drop %.2f points (+- %.2f), against pair targets %.2f%% and "
                            + "%.2f points", names.get(pair.partnerClass()), 100 * pair.forgetAccuracy(),
                    100 * pair.forgetError(), 100 * pair.drop(), 100 * pair.dropError(),
                    100 * PairCheck.TARGET_FACTOR * config.checkedForgetAccuracy(),
                    100 * PairCheck.TARGET_FACTOR * config.targetDrop()));
        }
        return text.toString();
    }
}
