package dev.wfnet.figures;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;

/**
 * A heatmap cell's value, drawn only when it fits inside its cell at the size the chart is drawn:
 * a heatmap shown small (a narrow pane in the window) loses its numbers instead of overlapping them,
 * and the same chart exported large shows them.
 */
final class CellValueAnnotation extends XYTextAnnotation {
    private static final long serialVersionUID = 1L;

    CellValueAnnotation(String text, double column, double row) {
        super(text, column, row);
    }

    @Override
    public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis,
                     int rendererIndex, PlotRenderingInfo info) {
        RectangleEdge columnEdge = Plot.resolveDomainAxisLocation(plot.getDomainAxisLocation(), plot.getOrientation());
        RectangleEdge rowEdge = Plot.resolveRangeAxisLocation(plot.getRangeAxisLocation(), plot.getOrientation());
        double cellWidth = domainAxis.lengthToJava2D(1, dataArea, columnEdge);
        double cellHeight = rangeAxis.lengthToJava2D(1, dataArea, rowEdge);
        var metrics = g2.getFontMetrics(getFont());
        if (metrics.stringWidth(getText()) + 2 > cellWidth || metrics.getAscent() > cellHeight) {
            return;
        }
        super.draw(g2, plot, dataArea, domainAxis, rangeAxis, rendererIndex, info);
    }
}
