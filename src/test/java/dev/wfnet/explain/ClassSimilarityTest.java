package dev.wfnet.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cosine and Jaccard similarity on four tiny rows split over two layers (so the vectors are
 * concatenated across layers), against hand computations. Alphas, layer A (1 filter x 2) then
 * layer B (2 filters x 1):
 * <pre>
 * row 0: 0, 1 | 1, 0.5   1 - alpha = (1, 0, 0, 0.5)   below 0.5: {0}
 * row 1: 0, 0 | 1, 1                 (1, 1, 0, 0)                {0, 1}
 * row 2: 1, 1 | 1, 1                 (0, 0, 0, 0)                {}
 * row 3: 1, 0 | 0, 1                 (0, 1, 1, 0)                {1, 2}
 * </pre>
 */
class ClassSimilarityTest {
    private static final double EXACT = 1e-12;

    private static AlphaView fourRows() {
        LayerAlphas a = LayerAlphas.of("a", 4, 1, 2, new float[] {0, 1, 0, 0, 1, 1, 1, 0});
        LayerAlphas b = LayerAlphas.of("b", 4, 2, 1, new float[] {1, 0.5f, 1, 1, 1, 1, 0, 1});
        return AlphaView.of(BankRows.named(List.of("r0", "r1", "r2", "r3")), List.of(a, b));
    }

    @Test
    void cosineOfOneMinusAlphaOverAllLayers() {
        ClassSimilarity similarity = ClassSimilarity.compute(fourRows(), 0.5);
        // (1,0,0,.5).(1,1,0,0) = 1; norms sqrt(1.25) and sqrt(2)
        assertEquals(1 / Math.sqrt(1.25 * 2), similarity.cosine(0, 1), EXACT);
        assertEquals(similarity.cosine(0, 1), similarity.cosine(1, 0), EXACT);
        assertEquals(0, similarity.cosine(0, 3), EXACT);
        // (1,1,0,0).(0,1,1,0) = 1; norms sqrt(2) and sqrt(2)
        assertEquals(0.5, similarity.cosine(1, 3), EXACT);
        for (int row = 0; row < 4; row++) {
            assertEquals(1, similarity.cosine(row, row), EXACT);
            if (row != 2) {
                assertEquals(0, similarity.cosine(row, 2), EXACT, "a row that removes nothing is unlike one that does");
            }
        }
    }

    @Test
    void jaccardOfTheSetsStrictlyBelowTheThreshold() {
        ClassSimilarity similarity = ClassSimilarity.compute(fourRows(), 0.5);
        assertEquals(0.5, similarity.jaccard(0, 1), EXACT); // {0} / {0, 1}; 0.5 itself is not below 0.5
        assertEquals(0, similarity.jaccard(0, 3), EXACT);
        assertEquals(1.0 / 3, similarity.jaccard(1, 3), EXACT); // {1} / {0, 1, 2}
        assertEquals(0, similarity.jaccard(0, 2), EXACT);
        assertEquals(1, similarity.jaccard(2, 2), EXACT, "two empty sets are identical");
        assertEquals(1, similarity.jaccard(3, 3), EXACT);
        // raising the threshold above 0.5 adds alpha 0.5 (index 3) to row 0's set: {0, 3} vs {0, 1}
        assertEquals(1.0 / 3, ClassSimilarity.compute(fourRows(), 0.75).jaccard(0, 1), EXACT);
    }

    @Test
    void displayOrderPutsTheMostSimilarRowsTogether() {
        // distances 1 - cosine: d(0,1) = 0.368 merges first, then {0,1} with 3 at (1 + 0.5) / 2,
        // then row 2 joins last
        ClassSimilarity similarity = ClassSimilarity.compute(fourRows(), 0.5);
        assertArrayEquals(new int[] {0, 1, 3, 2}, similarity.order());
        List<Dendrogram.Merge> merges = similarity.clustering().merges();
        AverageLinkageTest.assertMerge(0, 1, 1 - 1 / Math.sqrt(2.5), 2, merges.get(0));
        AverageLinkageTest.assertMerge(4, 3, 0.75, 3, merges.get(1));
        AverageLinkageTest.assertMerge(5, 2, 1.0, 4, merges.get(2));
    }

    @Test
    void reorderPermutesRowsAndColumns() {
        double[][] matrix = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
        assertArrayEquals(new double[][] {{9, 7, 8}, {3, 1, 2}, {6, 4, 5}},
                ClassSimilarity.reorder(matrix, new int[] {2, 0, 1}));
    }

    @Test
    void aThresholdOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClassSimilarity.compute(fourRows(), 0));
        assertThrows(IllegalArgumentException.class, () -> ClassSimilarity.compute(fourRows(), 1.5));
        assertThrows(IllegalArgumentException.class, () -> ClassSimilarity.compute(fourRows(), Double.NaN));
    }
}
