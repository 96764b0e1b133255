package dev.wfnet.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.ImageShape;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    private static final List<String> NAMES = List.of("a", "b", "c");

    @Test
    void countsTrueClassAgainstPrediction() {
        ImageDataset data = new ImageDataset("tiny", new ImageShape(1, 1, 1), new byte[4], new int[] {0, 0, 1, 2},
                NAMES);
        ConfusionMatrix matrix = ConfusionMatrix.of(data, new int[] {0, 1, 1, 0});
        assertArrayEquals(new int[] {1, 1, 0}, matrix.counts()[0]);
        assertArrayEquals(new int[] {0, 1, 0}, matrix.counts()[1]);
        assertArrayEquals(new int[] {1, 0, 0}, matrix.counts()[2]);
    }

    @Test
    void similarityIsTheMeanOfBothConfusionRates() {
        // n_a = 10, n_b = 20, n_c = 5
        ConfusionMatrix matrix = new ConfusionMatrix(NAMES, new int[][] {
                {6, 4, 0},
                {2, 15, 3},
                {1, 0, 4}});
        double[][] s = matrix.similarity();
        assertEquals((4 / 10.0 + 2 / 20.0) / 2, s[0][1], 1e-12); // 0.25
        assertEquals((0 / 10.0 + 1 / 5.0) / 2, s[0][2], 1e-12); // 0.1
        assertEquals((3 / 20.0 + 0 / 5.0) / 2, s[1][2], 1e-12); // 0.075
        for (int i = 0; i < 3; i++) {
            assertEquals(0, s[i][i]);
            for (int j = 0; j < 3; j++) {
                assertEquals(s[i][j], s[j][i], 1e-15);
            }
        }
    }

    @Test
    void rateIsTheShareOfTheTrueClassPredictedAsAnother() {
        ConfusionMatrix matrix = new ConfusionMatrix(List.of("a", "b"), new int[][] {{3, 1}, {0, 0}});
        assertEquals(0.75, matrix.rate(0, 0), 1e-12);
        assertEquals(0.25, matrix.rate(0, 1), 1e-12);
        assertEquals(0.0, matrix.rate(1, 0), 1e-12, "a class without images");
    }

    @Test
    void aClassWithoutImagesContributesNoConfusion() {
        ConfusionMatrix matrix = new ConfusionMatrix(List.of("a", "b"), new int[][] {{2, 2}, {0, 0}});
        assertEquals(0.25, matrix.similarity()[0][1], 1e-12);
    }
}
