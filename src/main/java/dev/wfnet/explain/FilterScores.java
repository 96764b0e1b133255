package dev.wfnet.explain;

/**
 * Per-filter scores of one layer for every bank row: the mean alpha over the filter's kernel and
 * the filter's class-specificity.
 *
 * <p>Specificity of row {@code c} for filter {@code f}:
 * {@code specificity(c, f) = mean over rows r != c of meanAlpha(r, f) - meanAlpha(c, f)}, in
 * [-1, 1]. Positive: class {@code c} switches the filter off more than the other classes do (1:
 * only {@code c}, completely); 0: no more than the others; negative: the others switch it off
 * more. A filter every class switches off scores 0 for all of them, which is why it is a better
 * "which filters belong to this class" score than the mean alpha alone. A bank of one row has no
 * other rows: it is compared with the untouched value 1, so its specificity is {@code 1 - mean}.
 *
 * @param layer the filtered tensor's name
 * @param meanAlpha {@code rows x filters} mean alphas
 * @param specificity {@code rows x filters} specificities
 */
public record FilterScores(String layer, double[][] meanAlpha, double[][] specificity) {

    public FilterScores {
        meanAlpha = deepCopy(meanAlpha);
        specificity = deepCopy(specificity);
        if (meanAlpha.length != specificity.length || meanAlpha.length == 0
                || meanAlpha[0].length != specificity[0].length) {
            throw new IllegalArgumentException("mean alphas and specificities of " + layer + " differ in shape");
        }
    }

    public static FilterScores of(LayerAlphas layer) {
        double[][] means = layer.filterMeans();
        return new FilterScores(layer.name(), means, specificity(means));
    }

    /** The specificity of every row and filter from per-filter means (see the class comment). */
    public static double[][] specificity(double[][] means) {
        int rows = means.length;
        int filters = rows == 0 ? 0 : means[0].length;
        double[][] specificity = new double[rows][filters];
        for (int f = 0; f < filters; f++) {
            double total = 0;
            for (double[] row : means) {
                total += row[f];
            }
            for (int c = 0; c < rows; c++) {
                double others = rows == 1 ? 1.0 : (total - means[c][f]) / (rows - 1);
                specificity[c][f] = others - means[c][f];
            }
        }
        return specificity;
    }

    public int rows() {
        return meanAlpha.length;
    }

    public int filters() {
        return meanAlpha[0].length;
    }

    public double meanAlpha(int row, int filter) {
        return meanAlpha[row][filter];
    }

    public double specificity(int row, int filter) {
        return specificity[row][filter];
    }

    /** Whether a row switches a filter off: its mean alpha is strictly below the threshold. */
    public boolean switchedOff(int row, int filter, double threshold) {
        return meanAlpha[row][filter] < threshold;
    }

    /** A copy of the mean alphas. */
    @Override
    public double[][] meanAlpha() {
        return deepCopy(meanAlpha);
    }

    /** A copy of the specificities. */
    @Override
    public double[][] specificity() {
        return deepCopy(specificity);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FilterScores that && layer.equals(that.layer)
                && java.util.Arrays.deepEquals(meanAlpha, that.meanAlpha)
                && java.util.Arrays.deepEquals(specificity, that.specificity);
    }

    @Override
    public int hashCode() {
        return layer.hashCode() * 31 + java.util.Arrays.deepHashCode(meanAlpha);
    }

    @Override
    public String toString() {
        return "FilterScores[" + layer + ": " + rows() + " x " + filters() + "]";
    }

    static double[][] deepCopy(double[][] matrix) {
        double[][] copy = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            copy[i] = matrix[i].clone();
        }
        return copy;
    }
}
