package dev.wfnet.unlearn;

import java.util.Locale;

/** How finely a bank's alphas cover a weight tensor (docs/method.md). */
public enum Granularity {
    /** One alpha per weight, as in the paper. */
    WEIGHT,
    /** One alpha per output channel or unit, broadcast over the rest of the tensor. */
    FILTER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The label, as files and the command line spell it; pickers show this. */
    @Override
    public String toString() {
        return label();
    }

    public static Granularity parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
