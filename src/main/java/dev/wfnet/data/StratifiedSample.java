package dev.wfnet.data;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A fixed, seeded sample of a split that keeps its class proportions (proportional allocation:
 * every class gets its share of the sample, rounded, and at least one image), together with the
 * images it leaves out. The same split, size and seed always give the same sample.
 *
 * @param indices the sampled images' indices into the split, ascending
 * @param rest every other index of the split, ascending
 */
public record StratifiedSample(int[] indices, int[] rest) {

    public StratifiedSample {
        indices = indices.clone();
        rest = rest.clone();
    }

    @Override
    public int[] indices() {
        return indices.clone();
    }

    @Override
    public int[] rest() {
        return rest.clone();
    }

    public int size() {
        return indices.length;
    }

    /**
     * Draws about {@code size} images of {@code split}, each class's share chosen uniformly at random
     * among its images by a generator seeded with {@code seed}; the whole split when it has no more.
     */
    public static StratifiedSample of(ImageDataset split, int size, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("a sample needs at least one image, got " + size);
        }
        int[] counts = split.classCounts();
        boolean[] taken = new boolean[split.size()];
        Random random = new Random(seed);
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                continue;
            }
            int share = (int) Math.min(counts[c], Math.max(1, Math.round((double) size * counts[c] / split.size())));
            int label = c;
            int[] members = IntStream.range(0, split.size()).filter(i -> split.label(i) == label).toArray();
            // a partial Fisher-Yates shuffle: the first `share` places are a uniform draw without replacement
            for (int k = 0; k < share; k++) {
                int pick = k + random.nextInt(members.length - k);
                int swap = members[k];
                members[k] = members[pick];
                members[pick] = swap;
                taken[members[k]] = true;
            }
        }
        return new StratifiedSample(IntStream.range(0, split.size()).filter(i -> taken[i]).toArray(),
                IntStream.range(0, split.size()).filter(i -> !taken[i]).toArray());
    }

    /** Predictions (or any per-image values) of the sample and of the rest put back in split order. */
    public int[] merge(int[] sampleValues, int[] restValues) {
        if (sampleValues.length != indices.length || restValues.length != rest.length) {
            throw new IllegalArgumentException(sampleValues.length + " + " + restValues.length + " values for a sample of "
                    + indices.length + " and a rest of " + rest.length);
        }
        int[] merged = new int[indices.length + rest.length];
        for (int i = 0; i < indices.length; i++) {
            merged[indices[i]] = sampleValues[i];
        }
        for (int i = 0; i < rest.length; i++) {
            merged[rest[i]] = restValues[i];
        }
        return merged;
    }

    /** The values of the sample's images, picked out of values for the whole split. */
    public int[] pick(int[] splitValues) {
        return Arrays.stream(indices).map(i -> splitValues[i]).toArray();
    }
}
