package dev.wfnet.unlearn;

import java.util.stream.IntStream;

/**
 * How much the original model mixes up the classes of each pair of bank rows, measured by
 * probability rather than by mistakes: the mean probability it gives each class on the other's
 * held-out images, both ways. On training images a model makes few mistakes (the small CNN made none
 * on Sandal's), so counting them would leave most pairs unranked. The scores choose the pairs the checks
 * apply ({@link #mostConfused}; docs/method.md, "Stopping on targets").
 */
final class ClassConfusion {
    /** {@code scores[row][other]}: symmetric, zero on the diagonal. */
    private final double[][] scores;

    private ClassConfusion(double[][] scores) {
        this.scores = scores;
    }

    /**
     * @param labels the model classes of the held-out images
     * @param probabilities the original model's probabilities on them, {@code [image][class]}
     */
    static ClassConfusion of(BankLayout layout, int[] labels, float[][] probabilities) {
        int rows = layout.rows();
        double[][] mixed = new double[rows][rows];
        int[] images = new int[rows];
        for (int i = 0; i < labels.length; i++) {
            int truth = layout.rowOf(labels[i]);
            if (truth >= 0) {
                images[truth]++;
                for (int other = 0; other < rows; other++) {
                    mixed[truth][other] += probabilities[i][layout.classOfRow(other)];
                }
            }
        }
        double[][] scores = new double[rows][rows];
        for (int row = 0; row < rows; row++) {
            for (int other = 0; other < rows; other++) {
                if (other != row) {
                    scores[row][other] = mixed[row][other] / Math.max(1, images[row])
                            + mixed[other][row] / Math.max(1, images[other]);
                }
            }
        }
        return new ClassConfusion(scores);
    }

    /** The score of a pair of rows (symmetric). */
    double score(int row, int other) {
        return scores[row][other];
    }

    /** Per row, the {@code count} other rows it is mixed up with most, most first (ties: the lower row first). */
    int[][] mostConfused(int count) {
        int rows = scores.length;
        int[][] partners = new int[rows][];
        for (int row = 0; row < rows; row++) {
            double[] score = scores[row];
            int self = row;
            partners[row] = IntStream.range(0, rows).filter(other -> other != self).boxed()
                    .sorted((a, b) -> Double.compare(score[b], score[a]))
                    .limit(count).mapToInt(Integer::intValue).toArray();
        }
        return partners;
    }
}
