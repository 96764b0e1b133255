package dev.wfnet.figures;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A scatter plot of paired values (e.g. one point per class pair).
 *
 * @param title the figure title
 * @param subtitle a line under the title (e.g. the correlation), or empty
 * @param xAxisLabel the horizontal axis label
 * @param yAxisLabel the vertical axis label
 * @param x the x values
 * @param y the y values, as many as x
 */
public record ScatterFigure(String title, String subtitle, String xAxisLabel, String yAxisLabel, double[] x,
                            double[] y) {

    public ScatterFigure {
        x = x.clone();
        y = y.clone();
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("a scatter plot needs as many x as y values, at least one; got "
                    + x.length + " and " + y.length);
        }
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    public JFreeChart toChart() {
        XYSeries series = new XYSeries("points", false, true);
        for (int i = 0; i < x.length; i++) {
            series.add(x[i], y[i]);
        }
        JFreeChart chart = ChartFactory.createScatterPlot(title, xAxisLabel, yAxisLabel,
                new XYSeriesCollection(series), PlotOrientation.VERTICAL, false, false, false);
        if (!subtitle.isEmpty()) {
            chart.addSubtitle(new org.jfree.chart.title.TextTitle(subtitle, FigureStyle.LABEL_FONT));
        }
        FigureStyle.apply(chart);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesPaint(0, FigureStyle.seriesColor(0));
        renderer.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-4, -4, 8, 8));
        plot.setRenderer(renderer);
        return chart;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScatterFigure that && title.equals(that.title) && java.util.Arrays.equals(x, that.x)
                && java.util.Arrays.equals(y, that.y);
    }

    @Override
    public int hashCode() {
        return title.hashCode() * 31 + java.util.Arrays.hashCode(x);
    }

    @Override
    public String toString() {
        return "ScatterFigure[" + title + ", " + x.length + " points]";
    }
}
