package dev.wfnet.unlearn;

import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.Normalization;
import java.util.ArrayList;
import java.util.List;

/**
 * A label-expanded batch laid out for the class-grouped forward: images are ordered by the row
 * set that filters them, each set's forget samples first, so each set reads a contiguous slice;
 * when the slices are of equal sizes they are the groups of one batched forward (docs/method.md,
 * "Grouping by row set" and "Every row set in one batched pass").
 *
 * @param pixels normalised images, {@code size x C x H x W}, grouped by row
 * @param labels the true class of each image, same order
 * @param groups one entry per distinct row, in row order
 * @param forgetCount forget samples in the batch (B/2)
 * @param retainCount retain pairs in the batch (T*B/2)
 */
public record GroupedBatch(float[] pixels, int[] labels, List<Group> groups, int forgetCount, int retainCount) {

    /** The slice of the batch filtered by one row set (the product of its rows). */
    public record Group(int[] rows, int start, int forget, int retain) {
        /** The first (in the paper's expansion, the only) row of the set. */
        public int row() {
            return rows[0];
        }

        public int end() {
            return start + forget + retain;
        }
    }

    public int size() {
        return labels.length;
    }

    public static GroupedBatch of(LabelExpansion expansion, ImageDataset data, Normalization normalization) {
        int total = expansion.forgetSamples().length + expansion.retainSamples().length;
        int[] order = new int[total];
        int[] labels = new int[total];
        List<Group> groups = new ArrayList<>();
        int position = 0;
        for (int set = 0; set < expansion.rowSets().size(); set++) {
            int start = position;
            for (int i = 0; i < expansion.forgetRows().length; i++) {
                if (expansion.forgetRows()[i] == set) {
                    order[position++] = expansion.forgetSamples()[i];
                }
            }
            int forget = position - start;
            for (int i = 0; i < expansion.retainRows().length; i++) {
                if (expansion.retainRows()[i] == set) {
                    order[position++] = expansion.retainSamples()[i];
                }
            }
            if (position > start) {
                groups.add(new Group(expansion.rowSets().get(set), start, forget, position - start - forget));
            }
        }
        for (int i = 0; i < total; i++) {
            labels[i] = data.label(order[i]);
        }
        float[] pixels = new float[total * data.shape().pixelCount()];
        normalization.fill(data, order, 0, total, pixels);
        return new GroupedBatch(pixels, labels, List.copyOf(groups), expansion.forgetSamples().length,
                expansion.retainSamples().length);
    }
}
