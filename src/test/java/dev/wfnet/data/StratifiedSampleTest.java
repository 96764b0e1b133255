package dev.wfnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StratifiedSampleTest {

    /** 1,000 images: class 0 has 600, class 1 300, class 2 100, in a shuffled order. */
    private static ImageDataset unbalanced() {
        int[] labels = IntStream.range(0, 1000).map(i -> i % 10 < 6 ? 0 : i % 10 < 9 ? 1 : 2).toArray();
        return new ImageDataset("unbalanced", new ImageShape(1, 1, 1), new byte[1000], labels, List.of("a", "b", "c"));
    }

    @Test
    void eachClassGetsItsShareOfTheSample() {
        ImageDataset data = unbalanced();
        StratifiedSample sample = StratifiedSample.of(data, 50, 7);
        int[] perClass = new int[3];
        for (int i : sample.indices()) {
            perClass[data.label(i)]++;
        }
        assertArrayEquals(new int[] {30, 15, 5}, perClass);
    }

    @Test
    void theSampleAndTheRestAreDisjointAscendingAndCoverTheSplit() {
        StratifiedSample sample = StratifiedSample.of(unbalanced(), 50, 7);
        int[] all = IntStream.concat(Arrays.stream(sample.indices()), Arrays.stream(sample.rest())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 1000).toArray(), all);
        assertArrayEquals(Arrays.stream(sample.indices()).sorted().toArray(), sample.indices());
        assertArrayEquals(Arrays.stream(sample.rest()).sorted().toArray(), sample.rest());
    }

    @Test
    void theSameSeedGivesTheSameSampleAndAnotherSeedAnother() {
        ImageDataset data = unbalanced();
        assertArrayEquals(StratifiedSample.of(data, 50, 7).indices(), StratifiedSample.of(data, 50, 7).indices());
        assertFalse(Arrays.equals(StratifiedSample.of(data, 50, 7).indices(), StratifiedSample.of(data, 50, 8).indices()));
    }

    @Test
    void aSmallClassKeepsAtLeastOneImageAndASampleAsLargeAsTheSplitIsTheSplit() {
        ImageDataset data = unbalanced();
        StratifiedSample tiny = StratifiedSample.of(data, 3, 1);
        assertEquals(4, tiny.size(), "1.8, 0.9 and 0.3 images round to 2, 1 and (at least) 1");
        StratifiedSample whole = StratifiedSample.of(data, 5000, 1);
        assertArrayEquals(IntStream.range(0, 1000).toArray(), whole.indices());
        assertEquals(0, whole.rest().length);
    }

    @Test
    void mergePutsTheSampleAndTheRestBackInSplitOrder() {
        ImageDataset data = unbalanced();
        StratifiedSample sample = StratifiedSample.of(data, 50, 7);
        int[] values = IntStream.range(0, 1000).map(i -> 3 * i + 1).toArray();
        int[] onSample = sample.pick(values);
        int[] onRest = Arrays.stream(sample.rest()).map(i -> values[i]).toArray();
        assertArrayEquals(values, sample.merge(onSample, onRest));
        assertThrows(IllegalArgumentException.class, () -> sample.merge(onRest, onSample));
    }
}
