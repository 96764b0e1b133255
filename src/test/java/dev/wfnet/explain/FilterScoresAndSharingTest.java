package dev.wfnet.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Specificity, the two rankings and exclusive/shared counts on per-filter means chosen by hand:
 * <pre>
 *         f0   f1   f2   f3
 * row 0  0.1  0.2  0.9  0.0
 * row 1  1.0  0.3  1.0  0.0
 * row 2  1.0  0.5  0.6  0.0
 * </pre>
 * At threshold 0.5 (strict): f0 is row 0's alone, f1 is shared by rows 0 and 1 (row 2's 0.5 is
 * not below), f2 is nobody's, f3 is everybody's.
 */
class FilterScoresAndSharingTest {
    private static final double EXACT = 1e-12;
    private static final double[][] MEANS = {{0.1, 0.2, 0.9, 0.0}, {1.0, 0.3, 1.0, 0.0}, {1.0, 0.5, 0.6, 0.0}};

    private static FilterScores scores() {
        return new FilterScores("layer", MEANS, FilterScores.specificity(MEANS));
    }

    @Test
    void specificityIsTheOtherRowsMeanMinusThisRows() {
        FilterScores scores = scores();
        assertEquals(1.0 - 0.1, scores.specificity(0, 0), EXACT);
        assertEquals((0.3 + 0.5) / 2 - 0.2, scores.specificity(0, 1), EXACT);
        assertEquals((1.0 + 0.6) / 2 - 0.9, scores.specificity(0, 2), EXACT);
        assertEquals(0, scores.specificity(0, 3), EXACT, "a filter every class switches off belongs to none");
        assertEquals((0.1 + 1.0) / 2 - 1.0, scores.specificity(1, 0), EXACT);
    }

    @Test
    void aSingleRowIsComparedWithTheUntouchedValueOne() {
        assertArrayEquals(new double[] {0.75, 0, 1}, FilterScores.specificity(new double[][] {{0.25, 1, 0}})[0], EXACT);
    }

    @Test
    void lowestAlphaRanksTheSharedFilterFirstSpecificityLeavesItOut() {
        FilterScores scores = scores();
        assertEquals(List.of(3, 0, 1, 2), ClassFilterMap.top(scores, 0, 10, FilterRanking.LOWEST_ALPHA).stream()
                .map(FilterEntry::filter).toList());
        assertEquals(List.of(0, 1), ClassFilterMap.top(scores, 0, 10, FilterRanking.HIGHEST_SPECIFICITY).stream()
                .map(FilterEntry::filter).toList());
        assertEquals(List.of(3), ClassFilterMap.top(scores, 0, 1, FilterRanking.LOWEST_ALPHA).stream()
                .map(FilterEntry::filter).toList());
        // row 2: f3 (0.0), f1 (0.5), f2 (0.6); f0 is untouched
        assertEquals(List.of(3, 1, 2), ClassFilterMap.top(scores, 2, 10, FilterRanking.LOWEST_ALPHA).stream()
                .map(FilterEntry::filter).toList());
    }

    @Test
    void exclusiveAndSharedFilters() {
        LayerSharing sharing = LayerSharing.of(scores(), 0.5);
        assertEquals(1, sharing.exclusive());
        assertEquals(2, sharing.shared());
        assertEquals(1, sharing.untouched());
        assertArrayEquals(new int[] {1, 0, 0}, sharing.exclusiveByRow());
        assertArrayEquals(new int[] {3, 2, 1}, sharing.switchedOffByRow());
        LayerSharing higher = LayerSharing.of(scores(), 0.55);
        assertArrayEquals(new int[] {3, 2, 2}, higher.switchedOffByRow(), "row 2's 0.5 is below 0.55");
        assertEquals(2, higher.shared(), "f1 is now shared by three rows, still one shared filter");
        assertEquals(1, higher.exclusive());
    }

    @Test
    void layerAlphasRefuseAWrongNumberOfValues() {
        assertThrows(IllegalArgumentException.class, () -> LayerAlphas.of("x", 2, 3, 1, new float[5]));
        assertThrows(IllegalArgumentException.class, () -> LayerAlphas.of("x", 0, 3, 1, new float[0]));
        LayerAlphas layer = LayerAlphas.of("x", 1, 2, 2, new float[] {0, 0.5f, 1, 1});
        assertEquals(0.25, layer.filterMean(0, 0), EXACT);
        assertEquals(0.625, layer.rowMean(0), EXACT);
        assertEquals(1, layer.countBelow(0, 0.5));
        assertThrows(IndexOutOfBoundsException.class, () -> layer.alpha(0, 0, 2));
    }

    @Test
    void aViewRefusesLayersWithAnotherRowCount() {
        BankRows rows = BankRows.named(List.of("a", "b"));
        assertThrows(IllegalArgumentException.class,
                () -> AlphaView.of(rows, List.of(LayerAlphas.of("x", 1, 1, 1, new float[] {1}))));
    }
}
