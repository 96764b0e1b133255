package dev.wfnet.unlearn;

import dev.wfnet.data.ImageDataset;
import java.util.stream.IntStream;

/**
 * The training split divided for an untraining round: the last {@code perClass} images of every
 * class (at most a third of the class) are held out for the checks against the targets, the rest
 * train. Taken from the training split, never the test split, so the final report on the test split
 * stays unseen; the same for every seed, so rounds with different seeds are checked alike.
 *
 * @param trainIndices indices into the training split that the round may draw from, ascending
 * @param validation the held-out images
 */
public record HeldOutSplit(int[] trainIndices, ImageDataset validation) {

    public HeldOutSplit {
        trainIndices = trainIndices.clone();
    }

    @Override
    public int[] trainIndices() {
        return trainIndices.clone();
    }

    public static HeldOutSplit of(ImageDataset train, int perClass) {
        int[] counts = train.classCounts();
        int[] heldOut = new int[counts.length];
        for (int c = 0; c < counts.length; c++) {
            heldOut[c] = Math.min(perClass, counts[c] / 3);
        }
        int[] seen = new int[counts.length];
        boolean[] validation = new boolean[train.size()];
        for (int i = train.size() - 1; i >= 0; i--) {
            int label = train.label(i);
            validation[i] = seen[label]++ < heldOut[label];
        }
        int[] validationIndices = IntStream.range(0, train.size()).filter(i -> validation[i]).toArray();
        int[] trainIndices = IntStream.range(0, train.size()).filter(i -> !validation[i]).toArray();
        return new HeldOutSplit(trainIndices, train.subset(train.name() + "[held out: " + perClass + " per class]",
                validationIndices));
    }
}
