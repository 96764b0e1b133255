package dev.wfnet.figures;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * Grouped bars of means with error bars of one standard deviation: one group per category, one bar
 * per series (per metric, a bar for each method), on a percentage or a logarithmic value axis.
 *
 * @param title the figure title
 * @param categoryAxisLabel the label of the category axis
 * @param valueAxisLabel the label of the value axis
 * @param categories the groups, left to right
 * @param series the bars of each group
 * @param scale how the value axis is drawn
 */
public record ErrorBarFigure(String title, String categoryAxisLabel, String valueAxisLabel, List<String> categories,
                             List<Series> series, Scale scale) {

    /** The value axis. */
    public enum Scale {
        /**
         * Linear from 0 to 100: a percentage cannot leave that range, so an error bar of a spread-out
         * mean is cut at the bound instead of stretching the axis to -10 or 130.
         */
        PERCENT,
        /** Logarithmic, for run times that span decades (bars of 0 or less are left out). */
        LOG
    }

    /**
     * One series: a mean and a standard deviation per category (NaN leaves the bar out).
     *
     * @param name the legend entry
     * @param means one per category
     * @param stds one per category
     */
    public record Series(String name, double[] means, double[] stds) {
        public Series {
            means = means.clone();
            stds = stds.clone();
            if (means.length != stds.length) {
                throw new IllegalArgumentException("series " + name + " has " + means.length + " means and "
                        + stds.length + " deviations");
            }
        }

        @Override
        public double[] means() {
            return means.clone();
        }

        @Override
        public double[] stds() {
            return stds.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Series that && name.equals(that.name)
                    && java.util.Arrays.equals(means, that.means) && java.util.Arrays.equals(stds, that.stds);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + java.util.Arrays.hashCode(means);
        }

        @Override
        public String toString() {
            return "Series[" + name + ", " + java.util.Arrays.toString(means) + " +- "
                    + java.util.Arrays.toString(stds) + "]";
        }
    }

    public ErrorBarFigure {
        java.util.Objects.requireNonNull(scale, "scale");
        categories = List.copyOf(categories);
        series = List.copyOf(series);
        if (categories.isEmpty() || series.isEmpty()) {
            throw new IllegalArgumentException("a bar chart needs at least one category and one series");
        }
        for (Series s : series) {
            if (s.means.length != categories.size()) {
                throw new IllegalArgumentException("series " + s.name() + " has " + s.means.length + " values for "
                        + categories.size() + " categories");
            }
        }
    }

    /**
     * A log axis from the power of ten below the smallest bar to the one above the highest error bar:
     * left to itself it would reach down to its smallest allowed value and squash the bars.
     */
    private ValueAxis logAxis() {
        double smallest = Double.POSITIVE_INFINITY;
        double largest = 0;
        for (Series s : series) {
            for (int c = 0; c < s.means.length; c++) {
                double mean = s.means[c];
                if (mean > 0) {
                    smallest = Math.min(smallest, mean);
                    largest = Math.max(largest, mean + (Double.isNaN(s.stds[c]) ? 0 : s.stds[c]));
                }
            }
        }
        PlainLogAxis axis = new PlainLogAxis(valueAxisLabel);
        if (largest > 0) {
            axis.setRange(Math.pow(10, Math.floor(Math.log10(smallest))), Math.pow(10, Math.ceil(Math.log10(largest))
                    + (largest == Math.pow(10, Math.ceil(Math.log10(largest))) ? 1 : 0)));
        }
        return axis;
    }

    /** 0 to 100 with a sliver of room above, so that a bar of 100 is not drawn on the frame. */
    private ValueAxis percentAxis() {
        NumberAxis axis = new NumberAxis(valueAxisLabel);
        axis.setRange(0, 102);
        return axis;
    }

    public JFreeChart toChart() {
        DefaultStatisticalCategoryDataset dataset = new DefaultStatisticalCategoryDataset();
        for (Series s : series) {
            for (int c = 0; c < categories.size(); c++) {
                double mean = s.means[c];
                boolean missing = Double.isNaN(mean) || scale == Scale.LOG && !(mean > 0);
                dataset.add(missing ? null : mean, missing || Double.isNaN(s.stds[c]) ? null : s.stds[c], s.name(),
                        categories.get(c));
            }
        }
        ValueAxis valueAxis = switch (scale) {
            case LOG -> logAxis();
            case PERCENT -> percentAxis();
        };
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        renderer.setErrorIndicatorPaint(java.awt.Color.BLACK);
        CategoryPlot plot = new CategoryPlot(dataset, new CategoryAxis(categoryAxisLabel), valueAxis, renderer);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        if (series.size() > 1) {
            LegendTitle legend = new LegendTitle(plot);
            legend.setPosition(RectangleEdge.BOTTOM);
            chart.addLegend(legend);
        }
        FigureStyle.apply(chart);
        plot.setDomainGridlinesVisible(false);
        renderer.setItemMargin(0.05);
        renderer.setDrawBarOutline(false);
        for (int s = 0; s < series.size(); s++) {
            renderer.setSeriesPaint(s, FigureStyle.seriesColor(s));
        }
        CategoryAxis axis = plot.getDomainAxis();
        boolean crowded = categories.size() > 8 || categories.stream().anyMatch(name -> name.length() > 12);
        axis.setCategoryLabelPositions(crowded ? CategoryLabelPositions.UP_45 : CategoryLabelPositions.STANDARD);
        axis.setMaximumCategoryLabelLines(2);
        // A label may use a little more than its group's width (the gap between groups), so that a
        // word such as "Retrain" is not broken inside itself when the figure is narrow.
        axis.setMaximumCategoryLabelWidthRatio(1.3f);
        return chart;
    }
}
