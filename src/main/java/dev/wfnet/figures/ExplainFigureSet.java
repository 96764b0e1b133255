package dev.wfnet.figures;

import dev.wfnet.WfnetException;
import dev.wfnet.explain.AlphaReport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;

/**
 * Every figure of an alpha report, by file name: the class similarity (cosine and Jaccard, in
 * clustering order), the fraction of alphas switched off per class and layer, the filters shared
 * or exclusive per layer, and per layer the mean-alpha and specificity heatmaps. The command line
 * writes them all; the window shows the same charts.
 */
public final class ExplainFigureSet {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 600;

    private ExplainFigureSet() {
    }

    /** The charts of a report, keyed by the file name they are written under (without extension). */
    public static Map<String, JFreeChart> charts(AlphaReport report) {
        Map<String, JFreeChart> charts = new LinkedHashMap<>();
        charts.put("class-similarity-cosine", ExplainFigures.similarityHeatmap(report.similarity(), false).toChart());
        charts.put("class-similarity-jaccard", ExplainFigures.similarityHeatmap(report.similarity(), true).toChart());
        charts.put("alphas-below-threshold", ExplainFigures.fractionBelowBars(report.statistics()).toChart());
        charts.put("filter-sharing", ExplainFigures.sharingBars(report.filterMap()).toChart());
        int[] order = report.similarity().order();
        for (String layer : report.statistics().layerNames()) {
            String name = layer.replaceAll("[^A-Za-z0-9_.-]", "_");
            charts.put("filter-alpha-" + name, ExplainFigures.filterAlphaHeatmap(report.statistics(), layer, order)
                    .toChart());
            charts.put("filter-specificity-" + name, ExplainFigures.specificityHeatmap(report.statistics(), layer,
                    order).toChart());
        }
        return charts;
    }

    /** Writes every chart in every format; returns the files written. */
    public static List<Path> writeAll(AlphaReport report, Path directory) throws WfnetException {
        return FigureExport.writeEveryFormat(charts(report), directory, WIDTH, HEIGHT, file -> { });
    }
}
