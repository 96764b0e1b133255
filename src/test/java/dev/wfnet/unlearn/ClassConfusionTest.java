package dev.wfnet.unlearn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wfnet.data.ImageShape;
import dev.wfnet.model.SmallCnn;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassConfusionTest {
    private static final BankLayout LAYOUT = layout();
    // every image is classified right; only the probabilities tell the classes apart
    private static final int[] LABELS = {0, 0, 1, 2};
    private static final float[][] PROBABILITIES = {
        {0.8f, 0.05f, 0.15f}, {0.6f, 0.1f, 0.3f}, // class 0: mean 0.075 on 1, 0.225 on 2
        {0.3f, 0.6f, 0.1f}, // class 1: 0.3 on 0, 0.1 on 2
        {0.05f, 0.35f, 0.6f}}; // class 2: 0.05 on 0, 0.35 on 1
    // both ways: 0-1 0.075 + 0.3 = 0.375, 0-2 0.225 + 0.05 = 0.275, 1-2 0.1 + 0.35 = 0.45

    private static BankLayout layout() {
        try {
            return BankLayout.of(new SmallCnn(new ImageShape(1, 28, 28), 3), new int[] {0, 1, 2}, Granularity.FILTER,
                    new LayerSelection(false, false, List.of()));
        } catch (dev.wfnet.WfnetException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aPairsScoreIsTheMeanProbabilityEachClassGetsOnTheOthersImagesBothWays() {
        ClassConfusion confusion = ClassConfusion.of(LAYOUT, LABELS, PROBABILITIES);
        assertEquals(0.375, confusion.score(0, 1), 1e-6);
        assertEquals(0.375, confusion.score(1, 0), 1e-6);
        assertEquals(0.275, confusion.score(0, 2), 1e-6);
        assertEquals(0.45, confusion.score(1, 2), 1e-6);
        assertEquals(0, confusion.score(1, 1));
    }

    @Test
    void aRowsMostConfusedPartnersComeMostFirst() {
        ClassConfusion confusion = ClassConfusion.of(LAYOUT, LABELS, PROBABILITIES);
        int[][] partners = confusion.mostConfused(2);
        assertArrayEquals(new int[] {1, 2}, partners[0]);
        assertArrayEquals(new int[] {2, 0}, partners[1]);
        assertArrayEquals(new int[] {1, 0}, partners[2]);
        assertArrayEquals(new int[] {2}, confusion.mostConfused(1)[1]);
    }
}
