package dev.wfnet.app.common;

import dev.wfnet.figures.FigureFormat;
import java.awt.geom.Point2D;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.layout.StackPane;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.Zoomable;

/**
 * A chart with tooltips and an export menu (right click: each {@link FigureFormat}). The pane asks its owner
 * for the target file, so the choice of folder stays with the window.
 */
public final class ChartPane extends StackPane {
    private final ChartViewer viewer = new ChartViewer();
    private final String baseName;

    /**
     * @param baseName the file name an export proposes, without extension
     * @param exporter called with the chart and the chosen format when the user exports
     */
    public ChartPane(String baseName, BiConsumer<ChartPane, FigureFormat> exporter) {
        this.baseName = baseName;
        getStyleClass().add("wf-chart");
        viewer.getCanvas().setTooltipEnabled(true);
        ContextMenu menu = viewer.getContextMenu();
        menu.getItems().clear();
        for (FigureFormat format : FigureFormat.all()) {
            MenuItem item = new MenuItem("Export as " + format.name() + "...", Icons.DOWNLOAD.node());
            item.setOnAction(event -> exporter.accept(this, format));
            menu.getItems().add(item);
        }
        menu.getItems().add(new SeparatorMenuItem());
        MenuItem reset = new MenuItem("Reset zoom");
        reset.setOnAction(event -> resetZoom());
        menu.getItems().add(reset);
        getChildren().add(viewer);
        setMinSize(200, 150);
    }

    public void show(JFreeChart chart) {
        viewer.setChart(chart);
    }

    /** Back to the whole chart after zooming in with a drag. */
    public void resetZoom() {
        JFreeChart chart = viewer.getChart();
        if (chart != null && chart.getPlot() instanceof Zoomable zoomable) {
            // A zoom factor of zero restores the axes' automatic ranges (JFreeChart's convention).
            PlotRenderingInfo info = viewer.getRenderingInfo().getPlotInfo();
            Point2D centre = new Point2D.Double();
            zoomable.zoomDomainAxes(0, info, centre);
            zoomable.zoomRangeAxes(0, info, centre);
        }
    }

    public JFreeChart chart() {
        return viewer.getChart();
    }

    public ChartViewer viewer() {
        return viewer;
    }

    public String baseName() {
        return baseName;
    }

    /** The file an export proposes in a folder. */
    public Path proposedFile(Path folder, FigureFormat format) {
        return format.file(folder, baseName);
    }
}
