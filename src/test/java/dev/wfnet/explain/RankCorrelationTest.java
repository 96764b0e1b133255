package dev.wfnet.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RankCorrelationTest {

    @Test
    void tiedValuesShareTheMeanOfTheirRanks() {
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, RankCorrelation.ranks(new double[] {1, 2, 2, 3}));
        assertArrayEquals(new double[] {4, 2, 2, 2}, RankCorrelation.ranks(new double[] {9, 5, 5, 5}));
    }

    @Test
    void spearmanWithTiesMatchesAHandComputation() {
        // x = 1, 2, 2, 3 -> ranks 1, 2.5, 2.5, 4; y = 1, 3, 2, 4 -> ranks 1, 3, 2, 4. Both mean 2.5.
        // dx = -1.5, 0, 0, 1.5; dy = -1.5, 0.5, -0.5, 1.5: sum dx dy = 4.5, sum dx^2 = 4.5, sum dy^2 = 5.
        // rho = 4.5 / sqrt(4.5 * 5) = 0.9486833
        assertEquals(4.5 / Math.sqrt(22.5), RankCorrelation.spearman(new double[] {1, 2, 2, 3},
                new double[] {1, 3, 2, 4}), 1e-12);
    }

    @Test
    void spearmanWithoutTiesIsTheTextbookFormula() {
        // d = rank differences 0, 2, -1, -1, 0: 1 - 6 * 6 / (5 * 24) = 0.7
        assertEquals(0.7, RankCorrelation.spearman(new double[] {10, 20, 30, 40, 50},
                new double[] {1, 4, 2, 3, 5}), 1e-12);
        assertEquals(-1, RankCorrelation.spearman(new double[] {1, 2, 3}, new double[] {9, 4, 1}), 1e-12);
    }

    @Test
    void aConstantSampleHasNoCorrelation() {
        assertTrue(Double.isNaN(RankCorrelation.spearman(new double[] {1, 1, 1}, new double[] {1, 2, 3})));
    }
}
