package dev.wfnet.explain;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.wfnet.io.Csv;
import java.util.ArrayList;
import java.util.List;

/**
 * Layer statistics of a whole bank: for every row and filtered layer, the fraction of alphas
 * below a threshold and the mean alpha ({@link LayerStatistics}); for every layer, the per-filter
 * mean alphas and specificities ({@link FilterScores}).
 *
 * @param rows who the bank rows are
 * @param threshold an alpha strictly below it counts as switched off
 * @param layers row-major: every layer of row 0, then of row 1, ...
 * @param filterScores one per layer, in layer order
 */
public record AlphaStatistics(BankRows rows, double threshold, List<LayerStatistics> layers,
                              List<FilterScores> filterScores) {

    public AlphaStatistics {
        layers = List.copyOf(layers);
        filterScores = List.copyOf(filterScores);
        if (layers.size() != rows.size() * filterScores.size()) {
            throw new IllegalArgumentException("expected " + rows.size() + " x " + filterScores.size()
                    + " layer statistics, got " + layers.size());
        }
    }

    public static AlphaStatistics compute(AlphaView view, double threshold) {
        ExplainSettings.checkThreshold(threshold);
        List<FilterScores> scores = view.layers().stream().map(FilterScores::of).toList();
        List<LayerStatistics> statistics = new ArrayList<>();
        for (int row = 0; row < view.rowCount(); row++) {
            for (int l = 0; l < view.layers().size(); l++) {
                statistics.add(LayerStatistics.of(view.layers().get(l), scores.get(l), row, threshold));
            }
        }
        return new AlphaStatistics(view.rows(), threshold, statistics, scores);
    }

    public List<String> layerNames() {
        return filterScores.stream().map(FilterScores::layer).toList();
    }

    public LayerStatistics get(int row, String layer) {
        int l = layerIndex(layer);
        return layers.get(row * filterScores.size() + l);
    }

    public FilterScores scores(String layer) {
        return filterScores.get(layerIndex(layer));
    }

    /** The fraction of one row's alphas below the threshold, over every layer. */
    public double rowFractionBelow(int row) {
        long below = 0;
        long total = 0;
        for (LayerStatistics s : layers.subList(row * filterScores.size(), (row + 1) * filterScores.size())) {
            below += s.alphasBelow();
            total += s.alphas();
        }
        return (double) below / total;
    }

    /** The mean of one row's alphas, over every layer (weighted by their alpha counts). */
    public double rowMeanAlpha(int row) {
        double sum = 0;
        long total = 0;
        for (LayerStatistics s : layers.subList(row * filterScores.size(), (row + 1) * filterScores.size())) {
            sum += s.meanAlpha() * s.alphas();
            total += s.alphas();
        }
        return sum / total;
    }

    private int layerIndex(String layer) {
        for (int l = 0; l < filterScores.size(); l++) {
            if (filterScores.get(l).layer().equals(layer)) {
                return l;
            }
        }
        throw new IllegalArgumentException("no filtered layer " + layer);
    }

    /** One line per row and layer. */
    public String toCsv() {
        StringBuilder csv = new StringBuilder("row,class,name,layer,alphas,threshold,fraction_below,mean_alpha,filters,"
                + "filters_switched_off\n");
        for (LayerStatistics s : layers) {
            csv.append(s.row()).append(',').append(rows.modelClass(s.row())).append(',')
                    .append(Csv.quote(rows.name(s.row()))).append(',').append(Csv.quote(s.layer())).append(',')
                    .append(s.alphas()).append(',').append(Csv.number(threshold)).append(',')
                    .append(Csv.number(s.fractionBelow())).append(',').append(Csv.number(s.meanAlpha())).append(',')
                    .append(s.filters()).append(',').append(s.filtersSwitchedOff()).append('\n');
        }
        return csv.toString();
    }

    /** One line per row, layer and filter: the numbers behind a filter heatmap. */
    public String filtersCsv() {
        StringBuilder csv = new StringBuilder("row,class,name,layer,filter,mean_alpha,specificity\n");
        for (int row = 0; row < rows.size(); row++) {
            for (FilterScores scores : filterScores) {
                for (int f = 0; f < scores.filters(); f++) {
                    csv.append(row).append(',').append(rows.modelClass(row)).append(',')
                            .append(Csv.quote(rows.name(row))).append(',').append(Csv.quote(scores.layer())).append(',')
                            .append(f).append(',').append(Csv.number(scores.meanAlpha(row, f))).append(',')
                            .append(Csv.number(scores.specificity(row, f))).append('\n');
                }
            }
        }
        return csv.toString();
    }

    /** Per row: overall numbers and each layer's; per-filter values stay in the CSV. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("threshold", threshold);
        JsonArray perRow = new JsonArray();
        for (int row = 0; row < rows.size(); row++) {
            JsonObject entry = new JsonObject();
            entry.addProperty("row", row);
            entry.addProperty("class", rows.modelClass(row));
            entry.addProperty("name", rows.name(row));
            entry.addProperty("fraction_below", rowFractionBelow(row));
            entry.addProperty("mean_alpha", rowMeanAlpha(row));
            JsonArray perLayer = new JsonArray();
            for (String layer : layerNames()) {
                LayerStatistics s = get(row, layer);
                JsonObject layerJson = new JsonObject();
                layerJson.addProperty("layer", layer);
                layerJson.addProperty("alphas", s.alphas());
                layerJson.addProperty("fraction_below", s.fractionBelow());
                layerJson.addProperty("mean_alpha", s.meanAlpha());
                layerJson.addProperty("filters", s.filters());
                layerJson.addProperty("filters_switched_off", s.filtersSwitchedOff());
                perLayer.add(layerJson);
            }
            entry.add("layers", perLayer);
            perRow.add(entry);
        }
        json.add("rows", perRow);
        return json;
    }
}
