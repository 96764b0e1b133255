package dev.wfnet.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wfnet.data.ImageShape;
import org.junit.jupiter.api.Test;

class PerturbationCurvesTest {

    @Test
    void trapezoidAreaMatchesAHandComputation() {
        // (0.5 * (1 + 0.5) / 2) + (0.5 * (0.5 + 0) / 2) = 0.375 + 0.125
        assertEquals(0.5, PerturbationCurves.auc(new double[] {0, 0.5, 1}, new double[] {1, 0.5, 0}), 1e-12);
        // uneven steps: 0.25 * (0 + 1) / 2 + 0.75 * (1 + 1) / 2 = 0.125 + 0.75
        assertEquals(0.875, PerturbationCurves.auc(new double[] {0, 0.25, 1}, new double[] {0, 1, 1}), 1e-12);
    }

    @Test
    void pixelsAreOrderedMostSalientFirstAndTiesKeepPositionOrder() {
        assertArrayEquals(new int[] {1, 2, 0, 3}, PerturbationCurves.order(new float[][] {{0.1f, 0.9f}, {0.5f, 0.1f}}));
    }

    @Test
    void deletionAndInsertionPerturbTheOrderedPixelsInEveryChannel() {
        // 2 channels of 2x2, 2 steps of 2 pixels: 3 points
        PerturbationCurves curves = new PerturbationCurves(new ImageShape(2, 2, 2), 2, new float[] {-1, -2});
        assertArrayEquals(new double[] {0, 0.5, 1}, curves.fractions());
        float[] image = {1, 2, 3, 4, 5, 6, 7, 8};
        int[] order = {3, 0, 1, 2};
        float[] deletion = new float[3 * 8];
        curves.deletion(image, order, deletion, 0);
        assertArrayEquals(new float[] {
                1, 2, 3, 4, 5, 6, 7, 8,
                -1, 2, 3, -1, -2, 6, 7, -2,
                -1, -1, -1, -1, -2, -2, -2, -2}, deletion);
        float[] insertion = new float[1 + 3 * 8];
        curves.insertion(image, order, insertion, 1);
        assertArrayEquals(new float[] {
                0,
                -1, -1, -1, -1, -2, -2, -2, -2,
                1, -1, -1, 4, 5, -2, -2, 8,
                1, 2, 3, 4, 5, 6, 7, 8}, insertion);
    }

    @Test
    void aStepCountThatDoesNotDivideThePixelsEndsFullyPerturbed() {
        PerturbationCurves curves = new PerturbationCurves(new ImageShape(1, 1, 5), 2, new float[] {0});
        assertArrayEquals(new double[] {0, 0.6, 1}, curves.fractions(), 1e-12);
    }
}
