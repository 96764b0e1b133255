package dev.wfnet.figures;

import dev.wfnet.explain.AlphaStatistics;
import dev.wfnet.explain.BankRows;
import dev.wfnet.explain.ClassFilterMap;
import dev.wfnet.explain.ClassSimilarity;
import dev.wfnet.explain.FilterScores;
import dev.wfnet.explain.LayerSharing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of the alpha analytics, built from {@code explain}'s results so the window and the
 * command line draw the same thing. Text stays ASCII ("alpha", not the Greek letter): PDF export
 * uses the standard PDF fonts, which lack most non-Latin glyphs.
 */
public final class ExplainFigures {
    /** Similarity heatmaps print their values up to this many classes. */
    public static final int MAX_ANNOTATED_CLASSES = 20;

    private ExplainFigures() {
    }

    /**
     * Per-filter mean alpha of one layer: classes (in {@code rowOrder}, e.g. the clustering order)
     * by filters, viridis over [0, 1] (dark = switched off).
     */
    public static HeatmapFigure filterAlphaHeatmap(AlphaStatistics statistics, String layer, int[] rowOrder) {
        FilterScores scores = statistics.scores(layer);
        double[][] values = new double[rowOrder.length][scores.filters()];
        for (int i = 0; i < rowOrder.length; i++) {
            for (int f = 0; f < scores.filters(); f++) {
                values[i][f] = scores.meanAlpha(rowOrder[i], f);
            }
        }
        return HeatmapFigure.unitRange("Mean alpha per filter: " + layer, "filter", "class forgotten",
                names(statistics.rows(), rowOrder), List.of(), values, "mean alpha");
    }

    /** Per-filter specificity of one layer, diverging over [-1, 1] (red = this class's own filters). */
    public static HeatmapFigure specificityHeatmap(AlphaStatistics statistics, String layer, int[] rowOrder) {
        FilterScores scores = statistics.scores(layer);
        double[][] values = new double[rowOrder.length][scores.filters()];
        for (int i = 0; i < rowOrder.length; i++) {
            for (int f = 0; f < scores.filters(); f++) {
                values[i][f] = scores.specificity(rowOrder[i], f);
            }
        }
        return new HeatmapFigure("Filter specificity: " + layer, "filter", "class forgotten",
                names(statistics.rows(), rowOrder), List.of(), values, "specificity",
                new ColorScale(ColorMap.BLUE_WHITE_RED, -1, 1), false);
    }

    /** Cosine or Jaccard similarity of the classes, in clustering order, values printed when few. */
    public static HeatmapFigure similarityHeatmap(ClassSimilarity similarity, boolean jaccard) {
        int[] order = similarity.order();
        double[][] values = ClassSimilarity.reorder(jaccard ? similarity.jaccard() : similarity.cosine(), order);
        List<String> names = names(similarity.rows(), order);
        String title = jaccard
                ? String.format(Locale.ROOT, "Class similarity (Jaccard, alpha < %.2f)", similarity.threshold())
                : "Class similarity (cosine of 1 - alpha)";
        return HeatmapFigure.unitRange(title, "class forgotten", "class forgotten", names, names, values,
                jaccard ? "Jaccard similarity" : "cosine similarity").withValuesShown(order.length
                <= MAX_ANNOTATED_CLASSES);
    }

    /** Per class, the fraction of alphas below the threshold in each layer. */
    public static BarFigure fractionBelowBars(AlphaStatistics statistics) {
        List<BarFigure.Series> series = new ArrayList<>();
        for (String layer : statistics.layerNames()) {
            double[] values = new double[statistics.rows().size()];
            for (int row = 0; row < values.length; row++) {
                values[row] = statistics.get(row, layer).fractionBelow();
            }
            series.add(new BarFigure.Series(layer, values));
        }
        // one layer has no legend, so its name goes in the title
        String layers = series.size() == 1 ? ": " + series.get(0).name() : " per class and layer";
        return BarFigure.of(String.format(Locale.ROOT, "Alphas below %.2f%s", statistics.threshold(), layers),
                "class forgotten", "fraction of alphas", statistics.rows().names(), series);
    }

    /** Per layer, the filters exclusive to one class and those shared by several. */
    public static BarFigure sharingBars(ClassFilterMap map) {
        List<String> layers = map.sharing().stream().map(LayerSharing::layer).toList();
        double[] exclusive = map.sharing().stream().mapToDouble(LayerSharing::exclusive).toArray();
        double[] shared = map.sharing().stream().mapToDouble(LayerSharing::shared).toArray();
        return BarFigure.of(String.format(Locale.ROOT, "Filters switched off (mean alpha < %.2f)", map.threshold()),
                "layer", "filters", layers, List.of(new BarFigure.Series("exclusive to one class", exclusive),
                        new BarFigure.Series("shared by several", shared)));
    }

    private static List<String> names(BankRows rows, int[] order) {
        List<String> names = new ArrayList<>();
        for (int row : order) {
            names.add(rows.name(row));
        }
        return names;
    }
}
