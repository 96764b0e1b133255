package dev.wfnet.explain;

/**
 * The choices behind an alpha analysis. Defaults: an alpha below 0.5 is "switched off" (closer to
 * removed than to kept), the five most switched-off filters per class and layer, ranked by lowest
 * mean alpha.
 *
 * @param threshold an alpha (or a filter's mean alpha) strictly below it is switched off; in (0, 1]
 * @param topK filters listed per class and layer in the class-to-filter map
 * @param ranking how those filters are chosen
 */
public record ExplainSettings(double threshold, int topK, FilterRanking ranking) {

    public ExplainSettings {
        checkThreshold(threshold);
        if (topK < 1) {
            throw new IllegalArgumentException("top-k must be at least 1, got " + topK);
        }
        java.util.Objects.requireNonNull(ranking, "ranking");
    }

    public static ExplainSettings defaults() {
        return new ExplainSettings(0.5, 5, FilterRanking.LOWEST_ALPHA);
    }

    static void checkThreshold(double threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("the alpha threshold must be in (0, 1], got " + threshold);
        }
    }
}
