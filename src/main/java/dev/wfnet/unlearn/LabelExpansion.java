package dev.wfnet.unlearn;

import java.util.Random;

/**
 * WF-Net's label expansion for one batch of size B (docs/method.md): B/2 forget samples, each filtered
 * by its own class's row; B/2 retain samples, each paired T times with a random row of another
 * class, giving T*B/2 retain pairs.
 *
 * @param forgetSamples dataset indices of the forget half
 * @param forgetRows the row filtering each forget sample (the row of its own class)
 * @param retainSamples dataset index of each retain pair (each retain sample T times, copy-major)
 * @param retainRows the row filtering each retain pair, never the row of the sample's class
 */
public record LabelExpansion(int[] forgetSamples, int[] forgetRows, int[] retainSamples, int[] retainRows) {

    /**
     * Draws one batch.
     *
     * @param forgetPool indices of samples whose class the bank can forget
     * @param retainPool indices of samples that have at least one row of another class
     * @param labels the class of every dataset index
     */
    public static LabelExpansion draw(int[] forgetPool, int[] retainPool, int[] labels, BankLayout layout,
                                      int batchSize, int copies, Random random) {
        int half = batchSize / 2;
        int[] forgetSamples = new int[half];
        int[] forgetRows = new int[half];
        for (int i = 0; i < half; i++) {
            forgetSamples[i] = forgetPool[random.nextInt(forgetPool.length)];
            forgetRows[i] = layout.rowOf(labels[forgetSamples[i]]);
        }
        int[] drawn = new int[half];
        for (int i = 0; i < half; i++) {
            drawn[i] = retainPool[random.nextInt(retainPool.length)];
        }
        int[] retainSamples = new int[half * copies];
        int[] retainRows = new int[half * copies];
        for (int copy = 0; copy < copies; copy++) {
            for (int i = 0; i < half; i++) {
                int pair = copy * half + i;
                retainSamples[pair] = drawn[i];
                retainRows[pair] = otherRow(layout, layout.rowOf(labels[drawn[i]]), random);
            }
        }
        return new LabelExpansion(forgetSamples, forgetRows, retainSamples, retainRows);
    }

    /** A uniformly random row other than {@code ownRow} (-1 when the class has no row). */
    private static int otherRow(BankLayout layout, int ownRow, Random random) {
        if (ownRow < 0) {
            return random.nextInt(layout.rows());
        }
        int row = random.nextInt(layout.rows() - 1);
        return row >= ownRow ? row + 1 : row;
    }

    /** Dataset indices whose class the bank can forget. */
    public static int[] forgetPool(int[] labels, BankLayout layout) {
        return java.util.stream.IntStream.range(0, labels.length).filter(i -> layout.rowOf(labels[i]) >= 0).toArray();
    }

    /** Dataset indices that can be retained under some row: all but a one-row bank's own class. */
    public static int[] retainPool(int[] labels, BankLayout layout) {
        return java.util.stream.IntStream.range(0, labels.length)
                .filter(i -> layout.rows() > 1 || layout.rowOf(labels[i]) < 0).toArray();
    }
}
