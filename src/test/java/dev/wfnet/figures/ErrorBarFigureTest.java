package dev.wfnet.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.CategoryTick;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.statistics.StatisticalCategoryDataset;
import org.junit.jupiter.api.Test;

/** The grouped bars with error bars of the comparison: axes and labels. */
class ErrorBarFigureTest {

    private static final List<String> METHODS = List.of("WF-Net", "Retrain", "FT", "GA", "RL", "SalUn", "SSD");

    private static ErrorBarFigure times() {
        double[] perClass = {Double.NaN, 580, 94, 52, 100, 115, 105};
        double[] spread = {Double.NaN, 55, 3, 3, 3, 10, 6};
        double[] all = {509, 5800, 940, 520, 1000, 1150, 1050};
        return new ErrorBarFigure("Cost", "method", "seconds", METHODS, List.of(
                new ErrorBarFigure.Series("per class", perClass, spread),
                new ErrorBarFigure.Series("all 10 classes", all, spread)), ErrorBarFigure.Scale.LOG);
    }

    @Test
    void aPercentageAxisRunsFromZeroToAHundredWhateverTheErrorBars() {
        // UA 49.18 +- 46.70 and 83.36 +- 28.81: mean + sd reaches 112, mean - sd -2 (a spread-out mean)
        ErrorBarFigure figure = new ErrorBarFigure("Metrics", "metric", "%", List.of("UA", "RA"),
                List.of(new ErrorBarFigure.Series("FT", new double[] {49.18, 95.72}, new double[] {46.70, 0.65}),
                        new ErrorBarFigure.Series("SSD", new double[] {83.36, 51.19}, new double[] {28.81, 42.99})),
                ErrorBarFigure.Scale.PERCENT);
        ValueAxis axis = figure.toChart().getCategoryPlot().getRangeAxis();
        assertEquals(0, axis.getLowerBound());
        assertEquals(102, axis.getUpperBound());
        // the numbers themselves are kept as they are: only the drawing is cut at the bounds
        StatisticalCategoryDataset data = (StatisticalCategoryDataset) figure.toChart().getCategoryPlot().getDataset();
        assertEquals(46.70, data.getStdDevValue("FT", "UA").doubleValue());
    }

    @Test
    void aLogAxisLeavesOutTheMissingBarAndSpansTheDecadesOfTheBars() {
        CategoryPlot plot = times().toChart().getCategoryPlot();
        LogAxis axis = (LogAxis) plot.getRangeAxis();
        assertEquals(10, axis.getLowerBound(), 1e-9);
        assertEquals(10_000, axis.getUpperBound(), 1e-6);
        assertNull(plot.getDataset().getValue("per class", "WF-Net"));
    }

    @Test
    void methodNamesAreNotBrokenInsideAWordWhenTheFigureIsNarrow() {
        // 480 px: about the Compare view's figure pane on a 1,600 px window; "Retrain" used to be
        // drawn as "Retra" over "in"
        JFreeChart chart = times().toChart();
        BufferedImage image = new BufferedImage(480, 320, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = image.createGraphics();
        ChartRenderingInfo info = new ChartRenderingInfo();
        chart.draw(g2, new Rectangle2D.Double(0, 0, 480, 320), info);
        Rectangle2D dataArea = info.getPlotInfo().getDataArea();
        List<?> ticks = chart.getCategoryPlot().getDomainAxis().refreshTicks(g2, new AxisState(), dataArea,
                RectangleEdge.BOTTOM);
        g2.dispose();
        assertEquals(METHODS.size(), ticks.size());
        for (Object tick : ticks) {
            CategoryTick category = (CategoryTick) tick;
            assertEquals(1, category.getLabel().getLines().size(), category.getCategory() + " is drawn on "
                    + category.getLabel().getLines().size() + " lines");
        }
    }

    @Test
    void aSeriesOfTheWrongLengthIsRefusedByName() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new ErrorBarFigure("t",
                "c", "v", List.of("a", "b"), List.of(new ErrorBarFigure.Series("FT", new double[] {1},
                new double[] {0})), ErrorBarFigure.Scale.PERCENT));
        assertEquals("series FT has 1 values for 2 categories", error.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ErrorBarFigure.Series("RL",
                new double[] {1, 2}, new double[] {0})).getMessage().contains("2 means and 1 deviations"));
    }
}
