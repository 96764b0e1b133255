package dev.wfnet.figures;

import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A line chart of x/y series (e.g. loss curves over training steps), optionally with a
 * logarithmic y axis for quantities that fall over orders of magnitude.
 *
 * @param title the figure title
 * @param xAxisLabel the horizontal axis label
 * @param yAxisLabel the vertical axis label
 * @param lines the series
 * @param logY whether the y axis is logarithmic (every y must then be positive)
 */
public record LineFigure(String title, String xAxisLabel, String yAxisLabel, List<Line> lines, boolean logY) {

    /**
     * One series.
     *
     * @param name the legend entry
     * @param x the x values
     * @param y the y values, as many as x; NaN breaks the line
     */
    public record Line(String name, double[] x, double[] y) {
        public Line {
            x = x.clone();
            y = y.clone();
            if (x.length != y.length) {
                throw new IllegalArgumentException("line " + name + " has " + x.length + " x and " + y.length
                        + " y values");
            }
        }

        /** A line over x = 0, 1, 2, ... */
        public static Line indexed(String name, double[] y) {
            return new Line(name, java.util.stream.IntStream.range(0, y.length).asDoubleStream().toArray(), y);
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] y() {
            return y.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Line that && name.equals(that.name) && java.util.Arrays.equals(x, that.x)
                    && java.util.Arrays.equals(y, that.y);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + java.util.Arrays.hashCode(y);
        }

        @Override
        public String toString() {
            return "Line[" + name + ", " + x.length + " points]";
        }
    }

    public LineFigure {
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a line chart needs at least one line");
        }
        if (logY && lines.stream().flatMapToDouble(l -> java.util.Arrays.stream(l.y))
                .anyMatch(v -> !Double.isNaN(v) && v <= 0)) {
            throw new IllegalArgumentException("a logarithmic y axis needs positive values");
        }
    }

    public static LineFigure of(String title, String xAxisLabel, String yAxisLabel, List<Line> lines) {
        return new LineFigure(title, xAxisLabel, yAxisLabel, lines, false);
    }

    public LineFigure withLogY(boolean log) {
        return new LineFigure(title, xAxisLabel, yAxisLabel, lines, log);
    }

    public JFreeChart toChart() {
        XYSeriesCollection dataset = new XYSeriesCollection();
        for (Line line : lines) {
            XYSeries series = new XYSeries(line.name(), false, true);
            for (int i = 0; i < line.x.length; i++) {
                series.add(line.x[i], Double.isNaN(line.y[i]) ? null : line.y[i]);
            }
            dataset.addSeries(series);
        }
        return chartOf(title, xAxisLabel, yAxisLabel, dataset, lines.size() > 1, logY);
    }

    /**
     * A line chart in the figures' style over a dataset the caller keeps: a live view appends
     * points to its series and the chart redraws, instead of being rebuilt for every point.
     * Series added later take the next colours of the same palette.
     */
    public static JFreeChart chartOf(String title, String xAxisLabel, String yAxisLabel, XYSeriesCollection dataset,
                                     boolean legend, boolean logY) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, xAxisLabel, yAxisLabel, dataset,
                PlotOrientation.VERTICAL, legend, false, false);
        XYPlot plot = chart.getXYPlot();
        if (logY) {
            plot.setRangeAxis(new PlainLogAxis(yAxisLabel));
        }
        FigureStyle.apply(chart);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int s = 0; s < dataset.getSeriesCount(); s++) {
            renderer.setSeriesPaint(s, FigureStyle.seriesColor(s));
            renderer.setSeriesStroke(s, FigureStyle.LINE_STROKE);
        }
        plot.setRenderer(renderer);
        return chart;
    }
}
