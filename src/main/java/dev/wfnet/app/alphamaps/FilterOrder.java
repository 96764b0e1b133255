package dev.wfnet.app.alphamaps;

import dev.wfnet.explain.FilterScores;
import java.util.Comparator;
import java.util.stream.IntStream;

/** How the columns (filters) of an alpha map are laid out. */
public enum FilterOrder {
    /** As in the weight tensor, so a filter is found by its number. */
    INDEX("by index"),
    /**
     * Filters that belong to one class first: by the largest specificity any class has for the
     * filter, descending (ties by index). A filter all classes switch off scores 0 for each (see
     * {@link FilterScores}), so it does not crowd out the class-owned ones.
     */
    SPECIFICITY("by class-specificity");

    private final String label;

    FilterOrder(String label) {
        this.label = label;
    }

    /** The filter indices in display order. */
    public int[] order(FilterScores scores) {
        IntStream filters = IntStream.range(0, scores.filters());
        if (this == INDEX) {
            return filters.toArray();
        }
        double[] best = new double[scores.filters()];
        for (int f = 0; f < best.length; f++) {
            best[f] = Double.NEGATIVE_INFINITY;
            for (int row = 0; row < scores.rows(); row++) {
                best[f] = Math.max(best[f], scores.specificity(row, f));
            }
        }
        return filters.boxed().sorted(Comparator.<Integer>comparingDouble(f -> -best[f])
                .thenComparing(Comparator.naturalOrder())).mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String toString() {
        return label;
    }
}
