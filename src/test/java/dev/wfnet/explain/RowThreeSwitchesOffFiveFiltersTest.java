package dev.wfnet.explain;

import static dev.wfnet.explain.HandMadeBanks.CONV;
import static dev.wfnet.explain.HandMadeBanks.FC;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.unlearn.Granularity;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The known-answer bank of {@link HandMadeBanks}: row 3 switches off filters 0-4 of conv1 (alpha
 * 0.25 over the whole kernel) and nothing else. Every number below is worked out by hand, and is
 * the same at weight and at filter granularity (there the kernel is one alpha).
 */
class RowThreeSwitchesOffFiveFiltersTest {
    private static final double EXACT = 1e-12;

    private static AlphaView view(Granularity granularity) throws Exception {
        return AlphaView.of(HandMadeBanks.rowThreeSwitchesOffFiveFilters(granularity));
    }

    @ParameterizedTest
    @EnumSource(Granularity.class)
    void theViewSplitsEachTensorIntoFiltersAndKernels(Granularity granularity) throws Exception {
        AlphaView view = view(granularity);
        int kernel = granularity == Granularity.WEIGHT ? 18 : 1;
        assertEquals(List.of("T-shirt", "Trouser", "Pullover", "bag, leather"), view.rows().names());
        assertEquals(8, view.layer(CONV).filters());
        assertEquals(kernel, view.layer(CONV).kernel());
        assertEquals(4, view.layer(FC).filters());
        assertEquals(granularity == Granularity.WEIGHT ? 6 : 1, view.layer(FC).kernel());
        assertEquals(0.25f, view.layer(CONV).alpha(3, 4, kernel - 1));
        assertEquals(1f, view.layer(CONV).alpha(3, 5, 0));
        assertEquals(granularity.label(), view.origin().get("granularity"));
        assertEquals(HandMadeBanks.MODEL_SHA, view.origin().get("model_sha256"));
    }

    @ParameterizedTest
    @EnumSource(Granularity.class)
    void layerStatisticsCountRowThreesFiveFiltersOnly(Granularity granularity) throws Exception {
        AlphaStatistics statistics = AlphaStatistics.compute(view(granularity), 0.5);
        int kernel = granularity == Granularity.WEIGHT ? 18 : 1;
        LayerStatistics conv = statistics.get(3, CONV);
        assertEquals(8L * kernel, conv.alphas());
        assertEquals(5L * kernel, conv.alphasBelow());
        assertEquals(5.0 / 8, conv.fractionBelow(), EXACT);
        assertEquals((5 * 0.25 + 3) / 8, conv.meanAlpha(), EXACT);
        assertEquals(5, conv.filtersSwitchedOff());
        LayerStatistics fc = statistics.get(3, FC);
        assertEquals(0, fc.fractionBelow(), EXACT);
        assertEquals(1, fc.meanAlpha(), EXACT);
        for (int row = 0; row < 3; row++) {
            for (String layer : List.of(CONV, FC)) {
                assertEquals(0, statistics.get(row, layer).fractionBelow(), EXACT);
                assertEquals(1, statistics.get(row, layer).meanAlpha(), EXACT);
                assertEquals(0, statistics.get(row, layer).filtersSwitchedOff());
            }
        }
        long rowAlphas = 8L * kernel + (granularity == Granularity.WEIGHT ? 24 : 4);
        assertEquals(5.0 * kernel / rowAlphas, statistics.rowFractionBelow(3), EXACT);
    }

    @ParameterizedTest
    @EnumSource(Granularity.class)
    void perFilterMeansAndSpecificity(Granularity granularity) throws Exception {
        FilterScores conv = AlphaStatistics.compute(view(granularity), 0.5).scores(CONV);
        for (int f = 0; f < 8; f++) {
            boolean switched = f < 5;
            assertEquals(switched ? 0.25 : 1, conv.meanAlpha(3, f), EXACT);
            // mean of the other rows (all 1) minus row 3's
            assertEquals(switched ? 0.75 : 0, conv.specificity(3, f), EXACT);
            for (int row = 0; row < 3; row++) {
                assertEquals(1, conv.meanAlpha(row, f), EXACT);
                // (1 + 1 + 0.25) / 3 - 1: the others switch it off more than this row does
                assertEquals(switched ? -0.25 : 0, conv.specificity(row, f), EXACT);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(FilterRanking.class)
    void classToFilterMapListsOnlyRowThreesFilters(FilterRanking ranking) throws Exception {
        AlphaStatistics statistics = AlphaStatistics.compute(view(Granularity.WEIGHT), 0.5);
        ClassFilterMap top3 = ClassFilterMap.compute(statistics, 3, ranking);
        assertArrayEquals(new int[] {0, 1, 2}, top3.filters(3, CONV).filterIndices());
        FilterEntry first = top3.filters(3, CONV).filters().get(0);
        assertEquals(0.25, first.meanAlpha(), EXACT);
        assertEquals(0.75, first.specificity(), EXACT);
        ClassFilterMap top10 = ClassFilterMap.compute(statistics, 10, ranking);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, top10.filters(3, CONV).filterIndices());
        assertEquals(0, top10.filters(3, FC).filters().size());
        for (int row = 0; row < 3; row++) {
            assertEquals(0, top10.filters(row, CONV).filters().size(), "row " + row + " switches nothing off");
            assertEquals(0, top10.filters(row, FC).filters().size());
        }
    }

    @ParameterizedTest
    @EnumSource(Granularity.class)
    void fiveExclusiveFiltersAndNoSharedOnes(Granularity granularity) throws Exception {
        ClassFilterMap map = ClassFilterMap.compute(AlphaStatistics.compute(view(granularity), 0.5), 5,
                FilterRanking.LOWEST_ALPHA);
        LayerSharing conv = map.sharing(CONV);
        assertEquals(5, conv.exclusive());
        assertEquals(0, conv.shared());
        assertEquals(3, conv.untouched());
        assertArrayEquals(new int[] {0, 0, 0, 5}, conv.exclusiveByRow());
        assertArrayEquals(new int[] {0, 0, 0, 5}, conv.switchedOffByRow());
        LayerSharing fc = map.sharing(FC);
        assertEquals(0, fc.exclusive());
        assertEquals(0, fc.shared());
        assertEquals(4, fc.untouched());
    }

    @ParameterizedTest
    @EnumSource(Granularity.class)
    void atAThresholdBelowTheAlphaNothingIsSwitchedOff(Granularity granularity) throws Exception {
        AlphaStatistics statistics = AlphaStatistics.compute(view(granularity), 0.25);
        assertEquals(0, statistics.get(3, CONV).fractionBelow(), EXACT, "below is strict: 0.25 < 0.25 is false");
        LayerSharing conv = ClassFilterMap.compute(statistics, 5, FilterRanking.LOWEST_ALPHA).sharing(CONV);
        assertEquals(0, conv.exclusive());
        assertEquals(8, conv.untouched());
    }

    @ParameterizedTest
    @EnumSource(Granularity.class)
    void theUntouchedRowsAreIdenticalAndUnlikeRowThree(Granularity granularity) throws Exception {
        ClassSimilarity similarity = ClassSimilarity.compute(view(granularity), 0.5);
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                assertEquals(1, similarity.cosine(a, b), EXACT);
                assertEquals(1, similarity.jaccard(a, b), EXACT);
            }
            assertEquals(0, similarity.cosine(a, 3), EXACT);
            assertEquals(0, similarity.jaccard(a, 3), EXACT);
        }
        assertEquals(1, similarity.cosine(3, 3), EXACT);
        assertEquals(1, similarity.jaccard(3, 3), EXACT);
        assertArrayEquals(new int[] {0, 1, 2, 3}, similarity.order());
        assertTrue(similarity.clustering().merges().get(2).distance() > 0.99);
    }
}
