package dev.wfnet.eval;

/**
 * The headline metrics of class-wise unlearning, with the direction that counts as better when no
 * retrained model is there to compare with.
 */
public enum Metric {
    UA("ua", "UA", true),
    RA("ra", "RA", true),
    TA("ta", "TA", true),
    FORGET_TEST("forget_test_accuracy", "forget test acc.", false),
    MIA("mia_efficacy", "MIA-efficacy", true),
    ZRF("zrf", "ZRF", true);

    private final String key;
    private final String label;
    private final boolean higherIsBetter;

    Metric(String key, String label, boolean higherIsBetter) {
        this.key = key;
        this.label = label;
        this.higherIsBetter = higherIsBetter;
    }

    /** The JSON and CSV name. */
    public String key() {
        return key;
    }

    /** The name in tables and figures. */
    public String label() {
        return label;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The four metrics Avg. Gap averages over (Fan et al. 2024, SalUn). */
    public static Metric[] gapMetrics() {
        return new Metric[] {UA, RA, TA, MIA};
    }
}
