package dev.wfnet.figures;

import java.awt.Color;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A heatmap of a {@code rows x columns} matrix: row 0 at the top, a colour legend with its own
 * label, and optionally each cell's value printed in it (for small matrices such as class
 * similarity). Rows and columns are named by labels, or numbered when there are none (a layer's
 * hundreds of filters).
 *
 * @param title the figure title
 * @param columnAxisLabel the horizontal axis label
 * @param rowAxisLabel the vertical axis label
 * @param rowLabels one per row, or empty to number the rows
 * @param columnLabels one per column, or empty to number the columns
 * @param values the matrix, {@code values[row][column]}; NaN draws as missing
 * @param valueLabel the label of the colour legend
 * @param scale the colours and the value range they span
 * @param showValues whether to print each cell's value (two decimals)
 */
public record HeatmapFigure(String title, String columnAxisLabel, String rowAxisLabel, List<String> rowLabels,
                            List<String> columnLabels, double[][] values, String valueLabel, ColorScale scale,
                            boolean showValues) {
    /** Above this many cells, printed values would be unreadable and are left out. */
    public static final int MAX_ANNOTATED_CELLS = 625;

    public HeatmapFigure {
        rowLabels = List.copyOf(rowLabels);
        columnLabels = List.copyOf(columnLabels);
        values = copy(values);
        int columns = values.length == 0 ? 0 : values[0].length;
        if (values.length == 0 || columns == 0) {
            throw new IllegalArgumentException("a heatmap needs at least one row and one column");
        }
        for (double[] row : values) {
            if (row.length != columns) {
                throw new IllegalArgumentException("heatmap rows differ in length");
            }
        }
        if (!rowLabels.isEmpty() && rowLabels.size() != values.length
                || !columnLabels.isEmpty() && columnLabels.size() != columns) {
            throw new IllegalArgumentException("a heatmap of " + values.length + " x " + columns + " has "
                    + rowLabels.size() + " row and " + columnLabels.size() + " column labels");
        }
    }

    /** A heatmap of alphas or similarities in [0, 1] on viridis. */
    public static HeatmapFigure unitRange(String title, String columnAxisLabel, String rowAxisLabel,
                                          List<String> rowLabels, List<String> columnLabels, double[][] values,
                                          String valueLabel) {
        return new HeatmapFigure(title, columnAxisLabel, rowAxisLabel, rowLabels, columnLabels, values, valueLabel,
                new ColorScale(ColorMap.VIRIDIS, 0, 1), false);
    }

    public HeatmapFigure withValuesShown(boolean show) {
        return new HeatmapFigure(title, columnAxisLabel, rowAxisLabel, rowLabels, columnLabels, values, valueLabel,
                scale, show);
    }

    public int rows() {
        return values.length;
    }

    public int columns() {
        return values[0].length;
    }

    @Override
    public double[][] values() {
        return copy(values);
    }

    public JFreeChart toChart() {
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        int cells = rows() * columns();
        double[][] xyz = new double[3][cells];
        for (int r = 0, i = 0; r < rows(); r++) {
            for (int c = 0; c < columns(); c++, i++) {
                xyz[0][i] = c;
                xyz[1][i] = r;
                xyz[2][i] = values[r][c];
            }
        }
        dataset.addSeries(valueLabel, xyz);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        ValueAxis xAxis = axis(columnAxisLabel, columnLabels, columns());
        ValueAxis yAxis = axis(rowAxisLabel, rowLabels, rows());
        yAxis.setInverted(true);
        XYPlot plot = new XYPlot(dataset, xAxis, yAxis, renderer);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.addSubtitle(legend());
        FigureStyle.apply(chart);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        if (xAxis instanceof SymbolAxis symbols) {
            symbols.setVerticalTickLabels(columns() > 8
                    || columnLabels.stream().anyMatch(label -> label.length() > 6));
        }
        if (showValues && cells <= MAX_ANNOTATED_CELLS) {
            annotate(plot);
        }
        return chart;
    }

    private static ValueAxis axis(String label, List<String> labels, int count) {
        ValueAxis axis;
        if (labels.isEmpty()) {
            NumberAxis numbers = new NumberAxis(label);
            numbers.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            numbers.setAutoRangeIncludesZero(false);
            axis = numbers;
        } else {
            SymbolAxis symbols = new SymbolAxis(label, labels.toArray(String[]::new));
            symbols.setGridBandsVisible(false);
            axis = symbols;
        }
        axis.setLowerMargin(0);
        axis.setUpperMargin(0);
        axis.setRange(-0.5, count - 0.5);
        return axis;
    }

    private PaintScaleLegend legend() {
        NumberAxis axis = new NumberAxis(valueLabel);
        axis.setRange(scale.lowerBound(), scale.upperBound());
        // about five labels: JFreeChart's own choice crowds a tall legend with twenty
        axis.setTickUnit(new NumberTickUnit(niceStep((scale.upperBound() - scale.lowerBound()) / 5)));
        PaintScaleLegend legend = new PaintScaleLegend(scale, axis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.TOP_OR_RIGHT);
        legend.setStripWidth(14);
        legend.setSubdivisionCount(256);
        legend.setMargin(new RectangleInsets(8, 8, 8, 4));
        legend.setPadding(new RectangleInsets(4, 4, 4, 4));
        return legend;
    }

    /** The "nice" step (1, 2, 2.5 or 5 times a power of ten) nearest above {@code rough}. */
    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / power;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    private void annotate(XYPlot plot) {
        java.awt.Font font = FigureStyle.TICK_FONT;
        for (int r = 0; r < rows(); r++) {
            for (int c = 0; c < columns(); c++) {
                double value = values[r][c];
                if (Double.isNaN(value)) {
                    continue;
                }
                XYTextAnnotation text = new CellValueAnnotation(String.format(Locale.ROOT, "%.2f", value), c, r);
                text.setFont(font);
                Color cell = (Color) scale.getPaint(value);
                text.setPaint(ColorMap.luminance(cell) > 0.5 ? Color.BLACK : Color.WHITE);
                plot.addAnnotation(text, false);
            }
        }
    }

    private static double[][] copy(double[][] matrix) {
        double[][] copy = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            copy[i] = matrix[i].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HeatmapFigure that && title.equals(that.title)
                && java.util.Arrays.deepEquals(values, that.values) && rowLabels.equals(that.rowLabels)
                && columnLabels.equals(that.columnLabels) && scale.equals(that.scale)
                && showValues == that.showValues && valueLabel.equals(that.valueLabel)
                && columnAxisLabel.equals(that.columnAxisLabel) && rowAxisLabel.equals(that.rowAxisLabel);
    }

    @Override
    public int hashCode() {
        return title.hashCode() * 31 + java.util.Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        return "HeatmapFigure[" + title + ", " + rows() + " x " + columns() + "]";
    }
}
