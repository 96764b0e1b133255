package dev.wfnet.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.eval.ConfusionMatrix;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionRelationsTest {
    private static final List<String> NAMES = List.of("a", "b", "c", "d", "e");

    /** Rows whose cosines rank the pairs exactly as the confusion does. */
    private static ClassSimilarity similarity(double[][] cosine) {
        return new ClassSimilarity(BankRows.named(NAMES), 0.5, cosine, cosine,
                AverageLinkage.cluster(ClassSimilarity.distances(cosine)));
    }

    @Test
    void aBankThatMirrorsTheConfusionHasRhoOneAndASmallPValue() {
        int[][] counts = new int[5][5];
        double[][] cosine = new double[5][5];
        for (int i = 0; i < 5; i++) {
            int offDiagonal = 0;
            for (int j = 0; j < 5; j++) {
                // distinct confusion per pair, symmetric; cosine grows with it
                int confusion = i == j ? 0 : (i + 1) * (j + 1) + Math.abs(i - j);
                counts[i][j] = confusion;
                offDiagonal += confusion;
                cosine[i][j] = i == j ? 1 : confusion / 100.0;
            }
            counts[i][i] = 100 - offDiagonal; // every class 100 images: similarity = confusion / 100
        }
        ConfusionRelations relations = ConfusionRelations.compute(similarity(cosine),
                new ConfusionMatrix(NAMES, counts), 2000, 1);
        assertEquals(10, relations.pairs().size());
        assertEquals(1.0, relations.rho(), 1e-12);
        // 5! = 120 relabellings, of which only those preserving the pair ranking reach rho = 1
        assertTrue(relations.pValue() < 0.05, "p = " + relations.pValue());
        assertEquals("a", relations.pairs().get(0).nameA());
        assertEquals("b", relations.pairs().get(0).nameB());
    }

    @Test
    void thePValueCountsTheObservedStatistic() {
        double[][] cosine = new double[5][5];
        for (int i = 0; i < 5; i++) {
            java.util.Arrays.fill(cosine[i], 0.5);
            cosine[i][i] = 1;
        }
        int[][] counts = new int[5][5];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                counts[i][j] = i == j ? 10 : i + j;
            }
        }
        ConfusionRelations relations = ConfusionRelations.compute(similarity(cosine),
                new ConfusionMatrix(NAMES, counts), 99, 3);
        assertTrue(Double.isNaN(relations.rho()), "a constant bank similarity has no rank correlation");
        assertTrue(Double.isNaN(relations.pValue()));
    }
}
