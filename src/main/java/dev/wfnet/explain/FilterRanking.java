package dev.wfnet.explain;

import java.util.Comparator;
import java.util.Locale;

/**
 * How the class-to-filter map picks a class's top filters in a layer. Only filters the class
 * actually touches are candidates (score above {@link #MIN_SCORE}), so a row that switches
 * nothing off lists nothing rather than k arbitrary filters.
 */
public enum FilterRanking {
    /**
     * Lowest per-filter mean alpha first (what the class switches off most), then higher
     * specificity, then lower filter index. Candidates: mean alpha below 1. The default: it is the
     * literal "switched off most", but a filter every class switches off ranks high for all.
     */
    LOWEST_ALPHA,
    /**
     * Highest specificity first (what this class switches off more than the others), then lower
     * mean alpha, then lower filter index. Candidates: specificity above 0.
     */
    HIGHEST_SPECIFICITY;

    /** Scores this close to zero are rounding noise, not a switched filter. */
    public static final double MIN_SCORE = 1e-9;

    /** The score candidates must exceed {@link #MIN_SCORE} in: 1 - mean alpha, or specificity. */
    double score(FilterScores scores, int row, int filter) {
        return this == LOWEST_ALPHA ? 1 - scores.meanAlpha(row, filter) : scores.specificity(row, filter);
    }

    /** The order of filter indices for one row: best first, ties deterministic. */
    Comparator<Integer> order(FilterScores scores, int row) {
        Comparator<Integer> byMean = Comparator.comparingDouble(f -> scores.meanAlpha(row, f));
        Comparator<Integer> bySpecificity = Comparator.comparingDouble(f -> -scores.specificity(row, f));
        Comparator<Integer> first = this == LOWEST_ALPHA ? byMean.thenComparing(bySpecificity)
                : bySpecificity.thenComparing(byMean);
        return first.thenComparing(Comparator.naturalOrder());
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static FilterRanking parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
