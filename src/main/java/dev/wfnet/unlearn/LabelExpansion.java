package dev.wfnet.unlearn;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * WF-Net's label expansion for one batch of size B (docs/method.md): B/2 forget samples, each filtered
 * by its own class's row; B/2 retain samples, each paired T times with a random row of another
 * class, giving T*B/2 retain pairs.
 *
 * <p>
 * The stratified draw ({@link #stratified}, ours) gives every row that is still training the same
 * number of forget and retain samples, and can pair a row with another so that the product of
 * rows learns to forget both classes (docs/method.md, "Label expansion").
 *
 * @param forgetSamples dataset indices of the forget half
 * @param forgetRows the row set (an index into {@code rowSets}) filtering each forget sample: one
 *     whose rows include the sample's own class
 * @param retainSamples dataset index of each retain pair (each retain sample T times, copy-major)
 * @param retainRows the row set filtering each retain pair, never one with the sample's own class
 * @param rowSets the bank rows each set applies together (element-wise product); in the paper's
 *     draw, set r is row r alone
 */
public record LabelExpansion(int[] forgetSamples, int[] forgetRows, int[] retainSamples, int[] retainRows,
                             List<int[]> rowSets) {

    /** The paper's expansion: set r is row r alone, for every row a sample names. */
    public LabelExpansion(int[] forgetSamples, int[] forgetRows, int[] retainSamples, int[] retainRows) {
        this(forgetSamples, forgetRows, retainSamples, retainRows, singletons(
                1 + java.util.stream.IntStream.concat(java.util.Arrays.stream(forgetRows),
                        java.util.Arrays.stream(retainRows)).max().orElse(-1)));
    }

    private static List<int[]> singletons(int rows) {
        List<int[]> sets = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            sets.add(new int[] {row});
        }
        return sets;
    }

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
        return new LabelExpansion(forgetSamples, forgetRows, retainSamples, retainRows, singletons(layout.rows()));
    }

    /**
     * The stratified draw (ours): one row set per row that is not frozen, each given
     * {@code forgetPerRow} forget samples and {@code retainPerRow} retain samples; with probability
     * {@code compose} the set also applies one other row of the bank, drawn with the probabilities of
     * {@code partners[row]}, and its forget samples are then drawn from either row's class. Retain samples are never of a class
     * the set forgets. A row whose class has no training image gets no forget samples.
     *
     * @param forgetPools per row, the dataset indices of its class
     * @param retainPool dataset indices that may serve as retain samples
     */
    public static LabelExpansion stratified(int[][] forgetPools, int[] retainPool, int[] labels, BankLayout layout,
                                            boolean[] frozen, int forgetPerRow, int retainPerRow, double compose,
                                            double[][] partners, Random random) {
        List<int[]> sets = new ArrayList<>();
        IntStream.Builder forgetSamples = IntStream.builder();
        IntStream.Builder forgetSets = IntStream.builder();
        IntStream.Builder retainSamples = IntStream.builder();
        IntStream.Builder retainSets = IntStream.builder();
        for (int row = 0; row < layout.rows(); row++) {
            if (frozen[row]) {
                continue;
            }
            int[] set = layout.rows() > 1 && random.nextDouble() < compose
                    ? new int[] {row, draw(partners[row], random)} : new int[] {row};
            int index = sets.size();
            sets.add(set);
            for (int i = 0; i < forgetPerRow; i++) {
                int[] pool = forgetPools[set[random.nextInt(set.length)]];
                if (pool.length > 0) {
                    forgetSamples.add(pool[random.nextInt(pool.length)]);
                    forgetSets.add(index);
                }
            }
            for (int i = 0; i < retainPerRow; i++) {
                int sample = drawOutside(set, retainPool, labels, layout, random);
                if (sample >= 0) {
                    retainSamples.add(sample);
                    retainSets.add(index);
                }
            }
        }
        return new LabelExpansion(forgetSamples.build().toArray(), forgetSets.build().toArray(),
                retainSamples.build().toArray(), retainSets.build().toArray(), sets);
    }

    /** An index drawn with the given probabilities (they sum to one). */
    private static int draw(double[] probabilities, Random random) {
        double u = random.nextDouble();
        int last = 0;
        for (int i = 0; i < probabilities.length; i++) {
            if (probabilities[i] > 0) {
                last = i;
                u -= probabilities[i];
                if (u < 0) {
                    return i;
                }
            }
        }
        return last;
    }

    /**
     * For each row, the probability of each other row as its composition partner: half spread evenly,
     * half in proportion to how often the original model confuses the two rows' classes (either way)
     * on {@code labels} / {@code predictions}, so the pairs whose product fails most (classes that
     * look alike) are trained most. Counted mistakes, not the probabilities the checks rank partners
     * by ({@link ClassConfusion}): drawing by those trained the small CNN's Sandal + Ankle boot pair
     * worse on the test split (docs/method.md, "Label expansion").
     */
    public static double[][] partnerProbabilities(BankLayout layout, int[] labels, int[] predictions) {
        int rows = layout.rows();
        double[][] confusion = new double[rows][rows];
        for (int i = 0; i < labels.length; i++) {
            int truth = layout.rowOf(labels[i]);
            int guess = layout.rowOf(predictions[i]);
            if (truth >= 0 && guess >= 0 && truth != guess) {
                confusion[truth][guess]++;
                confusion[guess][truth]++;
            }
        }
        double[][] probabilities = new double[rows][rows];
        for (int row = 0; row < rows; row++) {
            double total = 0;
            for (int other = 0; other < rows; other++) {
                total += other == row ? 0 : confusion[row][other];
            }
            for (int other = 0; other < rows; other++) {
                if (other != row) {
                    probabilities[row][other] = 0.5 / (rows - 1)
                            + (total > 0 ? 0.5 * confusion[row][other] / total : 0.5 / (rows - 1));
                }
            }
        }
        return probabilities;
    }

    /** A random index of the pool whose class no row of {@code set} forgets; -1 after many misses. */
    private static int drawOutside(int[] set, int[] pool, int[] labels, BankLayout layout, Random random) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int sample = pool[random.nextInt(pool.length)];
            int row = layout.rowOf(labels[sample]);
            boolean forgotten = false;
            for (int r : set) {
                forgotten |= r == row;
            }
            if (!forgotten) {
                return sample;
            }
        }
        return -1;
    }

    /** Per row of the layout, the indices among {@code candidates} of that row's class. */
    public static int[][] poolsByRow(int[] candidates, int[] labels, BankLayout layout) {
        int[][] pools = new int[layout.rows()][];
        for (int row = 0; row < layout.rows(); row++) {
            int modelClass = layout.classOfRow(row);
            pools[row] = java.util.Arrays.stream(candidates).filter(i -> labels[i] == modelClass).toArray();
        }
        return pools;
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
        return forgetPool(IntStream.range(0, labels.length).toArray(), labels, layout);
    }

    /** The indices among {@code candidates} whose class the bank can forget. */
    public static int[] forgetPool(int[] candidates, int[] labels, BankLayout layout) {
        return java.util.Arrays.stream(candidates).filter(i -> layout.rowOf(labels[i]) >= 0).toArray();
    }

    /** Dataset indices that can be retained under some row: all but a one-row bank's own class. */
    public static int[] retainPool(int[] labels, BankLayout layout) {
        return retainPool(IntStream.range(0, labels.length).toArray(), labels, layout);
    }

    /** The indices among {@code candidates} that can be retained under some row. */
    public static int[] retainPool(int[] candidates, int[] labels, BankLayout layout) {
        return java.util.Arrays.stream(candidates).filter(i -> layout.rows() > 1 || layout.rowOf(labels[i]) < 0)
                .toArray();
    }
}
