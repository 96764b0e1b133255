package dev.wfnet.figures;

import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A grid of small colour images (e.g. test images and saliency overlays), drawn as one block per
 * pixel so the vector formats stay vector. Rows and columns are labelled by text beside and above
 * the panels.
 *
 * @param title the figure title
 * @param rowLabels one per row of panels
 * @param columnLabels one per column of panels
 * @param panels {@code panels[row][column]} is an image of packed {@code 0xRRGGBB} pixels,
 *     {@code height x width}, every panel the same size
 */
public record ImageGridFigure(String title, List<String> rowLabels, List<String> columnLabels, int[][][][] panels) {
    private static final int GAP = 2;
    private static final int LABEL_STRIP = 5;
    private static final int ROW_LABEL_WIDTH = 24;

    public ImageGridFigure {
        rowLabels = List.copyOf(rowLabels);
        columnLabels = List.copyOf(columnLabels);
        if (panels.length != rowLabels.size() || panels.length == 0 || panels[0].length != columnLabels.size()
                || panels[0].length == 0) {
            throw new IllegalArgumentException("an image grid needs one label per row and column, and at least one"
                    + " panel");
        }
    }

    /** A pixel colour blended over a grey background: {@code opacity * colour + (1 - opacity) * grey}. */
    public static int blend(double grey, Color colour, double opacity) {
        int g = (int) Math.round(255 * Math.max(0, Math.min(1, grey)));
        return blendOverRgb((g << 16) | (g << 8) | g, colour, opacity);
    }

    /** A colour blended over an RGB pixel ({@code 0xRRGGBB}), channel by channel. */
    public static int blendOverRgb(int rgb, Color colour, double opacity) {
        int r = (int) Math.round(opacity * colour.getRed() + (1 - opacity) * ((rgb >> 16) & 0xff));
        int gr = (int) Math.round(opacity * colour.getGreen() + (1 - opacity) * ((rgb >> 8) & 0xff));
        int b = (int) Math.round(opacity * colour.getBlue() + (1 - opacity) * (rgb & 0xff));
        return (r << 16) | (gr << 8) | b;
    }

    public JFreeChart toChart() {
        int height = panels[0][0].length;
        int width = panels[0][0][0].length;
        int rows = panels.length;
        int columns = panels[0].length;
        int count = rows * columns * height * width;
        double[][] xyz = new double[3][count];
        int i = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++, i++) {
                        xyz[0][i] = c * (width + GAP) + x;
                        xyz[1][i] = LABEL_STRIP + r * (height + GAP) + y;
                        xyz[2][i] = panels[r][c][y][x];
                    }
                }
            }
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries("pixels", xyz);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(new PackedRgb());
        NumberAxis xAxis = hiddenAxis(-ROW_LABEL_WIDTH - 0.5, columns * (width + GAP) - GAP - 0.5);
        NumberAxis yAxis = hiddenAxis(-0.5, LABEL_STRIP + rows * (height + GAP) - GAP - 0.5);
        yAxis.setInverted(true);
        XYPlot plot = new XYPlot(dataset, xAxis, yAxis, renderer);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setOutlineVisible(false);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        FigureStyle.apply(chart);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setBackgroundPaint(Color.WHITE);
        for (int c = 0; c < columns; c++) {
            XYTextAnnotation label = new XYTextAnnotation(columnLabels.get(c), c * (width + GAP) + (width - 1) / 2.0,
                    LABEL_STRIP - 1.5);
            label.setFont(FigureStyle.TICK_FONT);
            label.setTextAnchor(TextAnchor.BOTTOM_CENTER);
            plot.addAnnotation(label, false);
        }
        for (int r = 0; r < rows; r++) {
            XYTextAnnotation label = new XYTextAnnotation(rowLabels.get(r), -1.5,
                    LABEL_STRIP + r * (height + GAP) + (height - 1) / 2.0);
            label.setFont(FigureStyle.LABEL_FONT);
            label.setTextAnchor(TextAnchor.CENTER_RIGHT);
            plot.addAnnotation(label, false);
        }
        return chart;
    }

    private static NumberAxis hiddenAxis(double from, double to) {
        NumberAxis axis = new NumberAxis();
        axis.setVisible(false);
        axis.setAutoRange(false);
        axis.setRange(from, to);
        return axis;
    }

    /** Decodes a block's value, a packed RGB colour, back into that colour. */
    private static final class PackedRgb implements PaintScale, java.io.Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return 0xFFFFFF;
        }

        @Override
        public java.awt.Paint getPaint(double value) {
            return new Color((int) value);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImageGridFigure that && title.equals(that.title) && rowLabels.equals(that.rowLabels)
                && columnLabels.equals(that.columnLabels) && java.util.Arrays.deepEquals(panels, that.panels);
    }

    @Override
    public int hashCode() {
        return title.hashCode() * 31 + java.util.Arrays.deepHashCode(panels);
    }

    @Override
    public String toString() {
        return "ImageGridFigure[" + title + ", " + rowLabels.size() + " x " + columnLabels.size() + "]";
    }
}
