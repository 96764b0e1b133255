package dev.wfnet.eval.compare;

import dev.wfnet.eval.Metric;
import java.util.Locale;

/** A column of the comparison table: a metric, the Avg. Gap to Retrain, or the run time. */
public enum Column {
    UA(Metric.UA),
    RA(Metric.RA),
    TA(Metric.TA),
    FORGET_TEST(Metric.FORGET_TEST),
    MIA(Metric.MIA),
    ZRF(Metric.ZRF),
    /** Mean absolute difference to Retrain over UA, RA, TA and MIA-efficacy, in points. */
    GAP(null),
    /** The method's run time per class, in seconds. */
    RTE(null);

    private final Metric metric;

    Column(Metric metric) {
        this.metric = metric;
    }

    /** The metric, or null for Avg. Gap and run time. */
    public Metric metric() {
        return metric;
    }

    public String key() {
        return metric != null ? metric.key() : this == GAP ? "avg_gap" : "rte_seconds";
    }

    public String label() {
        return metric != null ? metric.label() : this == GAP ? "Avg. Gap" : "RTE (s)";
    }

    /** Whether values show as percentages (shares times 100). */
    public boolean percent() {
        return metric != null && metric != Metric.ZRF;
    }

    /** A value as the tables show it: shares in percent with two decimals, ZRF with three. */
    public String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (percent() || this == GAP) {
            return String.format(Locale.ROOT, "%.2f", 100 * value);
        }
        return String.format(Locale.ROOT, this == ZRF ? "%.3f" : "%.1f", value);
    }

    /** Without Retrain to compare with: which way is better. */
    boolean higherIsBetter() {
        return metric != null && metric.higherIsBetter();
    }
}
