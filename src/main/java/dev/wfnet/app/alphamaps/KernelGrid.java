package dev.wfnet.app.alphamaps;

import dev.wfnet.unlearn.FilteredTensor;
import java.util.ArrayList;
import java.util.List;

/**
 * How one filter's kernel alphas are laid out as a small heatmap a researcher can read:
 * <ul>
 *   <li>a convolution ({@code out x in x kh x kw}): input channel by kernel position, or the
 *       {@code kh x kw} grid itself when there is one input channel;</li>
 *   <li>a linear layer fed by a flattened convolution output of {@code C} channels: channel by
 *       spatial position (fc1 of the small CNN: 64 x 49), so a channel's switched-off region
 *       shows as a row;</li>
 *   <li>any other linear layer: a near-square grid of its inputs, row-major;</li>
 *   <li>filter granularity: a single cell (one alpha per filter).</li>
 * </ul>
 *
 * @param rows cells down
 * @param columns cells across
 * @param rowAxis what the rows are
 * @param columnAxis what the columns are
 * @param columnLabels column names, or empty to number them
 */
public record KernelGrid(int rows, int columns, String rowAxis, String columnAxis, List<String> columnLabels) {

    /** The layout of a kernel of {@code kernel} alphas of {@code tensor}, preceded by {@code previous} (or null). */
    public static KernelGrid of(FilteredTensor tensor, FilteredTensor previous, int kernel) {
        long[] shape = tensor.parameterShape();
        if (kernel == 1) {
            return new KernelGrid(1, 1, "", "filter granularity: one alpha per filter", List.of());
        }
        if (shape.length == 4 && shape[1] * shape[2] * shape[3] == kernel) {
            int kh = (int) shape[2];
            int kw = (int) shape[3];
            if (shape[1] == 1) {
                return new KernelGrid(kh, kw, "kernel row", "kernel column", List.of());
            }
            List<String> positions = new ArrayList<>();
            for (int r = 0; r < kh; r++) {
                for (int c = 0; c < kw; c++) {
                    positions.add(r + "," + c);
                }
            }
            return new KernelGrid((int) shape[1], kh * kw, "input channel", "kernel position (row,column)", positions);
        }
        if (previous != null && previous.parameterShape().length == 4) {
            long channels = previous.parameterShape()[0];
            if (kernel % channels == 0 && kernel / channels > 1) {
                int positions = (int) (kernel / channels);
                int side = (int) Math.round(Math.sqrt(positions));
                String map = side * side == positions ? " in the " + side + "x" + side + " map" : "";
                return new KernelGrid((int) channels, positions, "input channel",
                        "spatial position" + map + " (row-major)", List.of());
            }
        }
        int rows = (int) Math.sqrt(kernel);
        while (kernel % rows != 0) {
            rows--;
        }
        return new KernelGrid(rows, kernel / rows, "input / " + (kernel / rows), "input % " + (kernel / rows),
                List.of());
    }

    /** Spreads a kernel's alphas over the grid, row-major. */
    public double[][] arrange(double[] kernelAlphas) {
        double[][] cells = new double[rows][columns];
        for (int i = 0; i < kernelAlphas.length; i++) {
            cells[i / columns][i % columns] = kernelAlphas[i];
        }
        return cells;
    }
}
