package dev.wfnet.figures;

import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * A grouped bar chart: one group per category, one bar per series (e.g. per class, the original
 * model's accuracy beside the filtered one's).
 *
 * @param title the figure title
 * @param categoryAxisLabel the label of the category axis
 * @param valueAxisLabel the label of the value axis
 * @param categories the groups, left to right
 * @param series the bars of each group, one value per category
 * @param lower the value axis's lower end, or NaN to fit the data
 * @param upper the value axis's upper end, or NaN to fit the data
 */
public record BarFigure(String title, String categoryAxisLabel, String valueAxisLabel, List<String> categories,
                        List<Series> series, double lower, double upper) {

    /**
     * One series of bars.
     *
     * @param name the legend entry
     * @param values one per category; NaN leaves the bar out
     */
    public record Series(String name, double[] values) {
        public Series {
            values = values.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Series that && name.equals(that.name)
                    && java.util.Arrays.equals(values, that.values);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + java.util.Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Series[" + name + ", " + java.util.Arrays.toString(values) + "]";
        }
    }

    public BarFigure {
        categories = List.copyOf(categories);
        series = List.copyOf(series);
        if (categories.isEmpty() || series.isEmpty()) {
            throw new IllegalArgumentException("a bar chart needs at least one category and one series");
        }
        for (Series s : series) {
            if (s.values.length != categories.size()) {
                throw new IllegalArgumentException("series " + s.name() + " has " + s.values.length + " values for "
                        + categories.size() + " categories");
            }
        }
        if (!Double.isNaN(lower) && !Double.isNaN(upper) && !(lower < upper)) {
            throw new IllegalArgumentException("the value range must have lower < upper, got " + lower + ".." + upper);
        }
    }

    /** A bar chart whose value axis fits the data. */
    public static BarFigure of(String title, String categoryAxisLabel, String valueAxisLabel, List<String> categories,
                               List<Series> series) {
        return new BarFigure(title, categoryAxisLabel, valueAxisLabel, categories, series, Double.NaN, Double.NaN);
    }

    /** The same chart with a fixed value range (e.g. 0..1 for accuracies). */
    public BarFigure withRange(double newLower, double newUpper) {
        return new BarFigure(title, categoryAxisLabel, valueAxisLabel, categories, series, newLower, newUpper);
    }

    public JFreeChart toChart() {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (Series s : series) {
            for (int c = 0; c < categories.size(); c++) {
                double value = s.values[c];
                dataset.addValue(Double.isNaN(value) ? null : value, s.name(), categories.get(c));
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(title, categoryAxisLabel, valueAxisLabel, dataset,
                PlotOrientation.VERTICAL, series.size() > 1, false, false);
        FigureStyle.apply(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setDomainGridlinesVisible(false);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setItemMargin(0.05);
        renderer.setDrawBarOutline(false);
        for (int s = 0; s < series.size(); s++) {
            renderer.setSeriesPaint(s, FigureStyle.seriesColor(s));
        }
        CategoryAxis axis = plot.getDomainAxis();
        boolean crowded = categories.size() > 8 || categories.stream().anyMatch(name -> name.length() > 10);
        axis.setCategoryLabelPositions(crowded ? CategoryLabelPositions.UP_45 : CategoryLabelPositions.STANDARD);
        axis.setMaximumCategoryLabelLines(2);
        if (!Double.isNaN(lower)) {
            plot.getRangeAxis().setLowerBound(lower);
        }
        if (!Double.isNaN(upper)) {
            plot.getRangeAxis().setUpperBound(upper);
        }
        return chart;
    }
}
