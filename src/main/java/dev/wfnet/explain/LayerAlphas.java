package dev.wfnet.explain;

import java.util.Objects;

/**
 * One filtered tensor's alphas seen as {@code rows x filters x kernel}: a filter is an output
 * channel or unit (the parameter's first dimension) and its kernel is every alpha of that channel
 * (all of them at weight granularity, one at filter granularity, where the alpha broadcasts).
 * This is the bank file's own row-major order, so a bank's arrays are viewed, not copied.
 *
 * <p>Not a record: the array stays private so nothing outside can change it, and is not copied
 * on every access, because a weight-granularity bank can hold hundreds of millions of alphas.
 */
public final class LayerAlphas {
    private final String name;
    private final int rows;
    private final int filters;
    private final int kernel;
    private final float[] values;

    private LayerAlphas(String name, int rows, int filters, int kernel, float[] values) {
        this.name = Objects.requireNonNull(name, "name");
        if (rows < 1 || filters < 1 || kernel < 1) {
            throw new IllegalArgumentException("layer " + name + " needs rows, filters and kernel >= 1, got " + rows
                    + " x " + filters + " x " + kernel);
        }
        if ((long) rows * filters * kernel != values.length) {
            throw new IllegalArgumentException("layer " + name + " is " + rows + " x " + filters + " x " + kernel
                    + " but has " + values.length + " alphas");
        }
        this.rows = rows;
        this.filters = filters;
        this.kernel = kernel;
        this.values = values;
    }

    /** A layer from explicit values ({@code rows x filters x kernel}, row-major), copied. */
    public static LayerAlphas of(String name, int rows, int filters, int kernel, float[] values) {
        return new LayerAlphas(name, rows, filters, kernel, values.clone());
    }

    /** A view over a bank's own array: the caller promises not to change it. */
    static LayerAlphas sharing(String name, int rows, int filters, int kernel, float[] values) {
        return new LayerAlphas(name, rows, filters, kernel, values);
    }

    public String name() {
        return name;
    }

    public int rows() {
        return rows;
    }

    public int filters() {
        return filters;
    }

    /** Alphas per filter: 1 at filter granularity. */
    public int kernel() {
        return kernel;
    }

    public int alphasPerRow() {
        return filters * kernel;
    }

    public float alpha(int row, int filter, int k) {
        return values[index(row, filter, k)];
    }

    /** The mean alpha over a filter's kernel: how far the row switches that filter off. */
    public double filterMean(int row, int filter) {
        int start = index(row, filter, 0);
        double sum = 0;
        for (int k = 0; k < kernel; k++) {
            sum += values[start + k];
        }
        return sum / kernel;
    }

    /** Per-filter means of every row, {@code rows x filters}. */
    public double[][] filterMeans() {
        double[][] means = new double[rows][filters];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < filters; f++) {
                means[r][f] = filterMean(r, f);
            }
        }
        return means;
    }

    /** The mean of one row's alphas. */
    public double rowMean(int row) {
        int start = rowStart(row);
        double sum = 0;
        for (int i = start, end = start + alphasPerRow(); i < end; i++) {
            sum += values[i];
        }
        return sum / alphasPerRow();
    }

    /** How many of one row's alphas are strictly below {@code threshold}. */
    public long countBelow(int row, double threshold) {
        int start = rowStart(row);
        long count = 0;
        for (int i = start, end = start + alphasPerRow(); i < end; i++) {
            if (values[i] < threshold) {
                count++;
            }
        }
        return count;
    }

    /** Where a row starts in {@link #values()}. */
    int rowStart(int row) {
        Objects.checkIndex(row, rows);
        return row * alphasPerRow();
    }

    /** The backing array, for tight loops inside this package; never handed out. */
    float[] values() {
        return values;
    }

    private int index(int row, int filter, int k) {
        Objects.checkIndex(filter, filters);
        Objects.checkIndex(k, kernel);
        return rowStart(row) + filter * kernel + k;
    }

    @Override
    public String toString() {
        return "LayerAlphas[" + name + ": " + rows + " x " + filters + " x " + kernel + "]";
    }
}
