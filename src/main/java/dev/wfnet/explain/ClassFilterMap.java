package dev.wfnet.explain;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.wfnet.io.Csv;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Which filters belong to which class: per class and layer, the k filters it switches off most
 * (chosen by a {@link FilterRanking}); per layer, how many filters are exclusive to one class and
 * how many are shared ({@link LayerSharing}).
 *
 * @param rows who the bank rows are
 * @param threshold a filter is switched off by a class when its mean alpha is strictly below it
 * @param topK at most this many filters per class and layer
 * @param ranking how the top filters were chosen
 * @param entries row-major: every layer of row 0, then of row 1, ...
 * @param sharing one per layer, in layer order
 */
public record ClassFilterMap(BankRows rows, double threshold, int topK, FilterRanking ranking,
                             List<ClassLayerFilters> entries, List<LayerSharing> sharing) {

    public ClassFilterMap {
        entries = List.copyOf(entries);
        sharing = List.copyOf(sharing);
        if (entries.size() != rows.size() * sharing.size()) {
            throw new IllegalArgumentException("expected " + rows.size() + " x " + sharing.size() + " entries, got "
                    + entries.size());
        }
    }

    /** The map from the per-filter scores of {@code statistics}, at its threshold. */
    public static ClassFilterMap compute(AlphaStatistics statistics, int topK, FilterRanking ranking) {
        if (topK < 1) {
            throw new IllegalArgumentException("top-k must be at least 1, got " + topK);
        }
        List<ClassLayerFilters> entries = new ArrayList<>();
        for (int row = 0; row < statistics.rows().size(); row++) {
            for (FilterScores scores : statistics.filterScores()) {
                entries.add(new ClassLayerFilters(row, scores.layer(), top(scores, row, topK, ranking)));
            }
        }
        List<LayerSharing> sharing = statistics.filterScores().stream()
                .map(scores -> LayerSharing.of(scores, statistics.threshold())).toList();
        return new ClassFilterMap(statistics.rows(), statistics.threshold(), topK, ranking, entries, sharing);
    }

    /** The best {@code k} candidate filters of one row in one layer. */
    static List<FilterEntry> top(FilterScores scores, int row, int k, FilterRanking ranking) {
        return IntStream.range(0, scores.filters()).boxed()
                .filter(f -> ranking.score(scores, row, f) > FilterRanking.MIN_SCORE)
                .sorted(ranking.order(scores, row))
                .limit(k)
                .map(f -> new FilterEntry(f, scores.meanAlpha(row, f), scores.specificity(row, f)))
                .toList();
    }

    public ClassLayerFilters filters(int row, String layer) {
        for (int l = 0; l < sharing.size(); l++) {
            if (sharing.get(l).layer().equals(layer)) {
                return entries.get(row * sharing.size() + l);
            }
        }
        throw new IllegalArgumentException("no filtered layer " + layer);
    }

    public LayerSharing sharing(String layer) {
        return sharing.stream().filter(s -> s.layer().equals(layer)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no filtered layer " + layer));
    }

    /** One line per class, layer and listed filter, with its rank (1 = first). */
    public String toCsv() {
        StringBuilder csv = new StringBuilder("row,class,name,layer,rank,filter,mean_alpha,specificity\n");
        for (ClassLayerFilters entry : entries) {
            int rank = 1;
            for (FilterEntry filter : entry.filters()) {
                csv.append(entry.row()).append(',').append(rows.modelClass(entry.row())).append(',')
                        .append(Csv.quote(rows.name(entry.row()))).append(',').append(Csv.quote(entry.layer()))
                        .append(',').append(rank++).append(',').append(filter.filter()).append(',')
                        .append(Csv.number(filter.meanAlpha())).append(',').append(Csv.number(filter.specificity()))
                        .append('\n');
            }
        }
        return csv.toString();
    }

    /** One line per layer: exclusive, shared and untouched filters. */
    public String sharingCsv() {
        StringBuilder csv = new StringBuilder("layer,filters,threshold,exclusive,shared,untouched\n");
        for (LayerSharing layer : sharing) {
            csv.append(Csv.quote(layer.layer())).append(',').append(layer.filters()).append(',')
                    .append(Csv.number(threshold)).append(',').append(layer.exclusive()).append(',')
                    .append(layer.shared()).append(',').append(layer.untouched()).append('\n');
        }
        return csv.toString();
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("threshold", threshold);
        json.addProperty("top_k", topK);
        json.addProperty("ranking", ranking.label());
        JsonArray layers = new JsonArray();
        for (LayerSharing layer : sharing) {
            JsonObject entry = new JsonObject();
            entry.addProperty("layer", layer.layer());
            entry.addProperty("filters", layer.filters());
            entry.addProperty("exclusive", layer.exclusive());
            entry.addProperty("shared", layer.shared());
            entry.addProperty("untouched", layer.untouched());
            JsonArray perRow = new JsonArray();
            for (int row = 0; row < rows.size(); row++) {
                JsonObject rowJson = new JsonObject();
                rowJson.addProperty("row", row);
                rowJson.addProperty("class", rows.modelClass(row));
                rowJson.addProperty("name", rows.name(row));
                rowJson.addProperty("switched_off", layer.switchedOffByRow()[row]);
                rowJson.addProperty("exclusive", layer.exclusiveByRow()[row]);
                JsonArray top = new JsonArray();
                for (FilterEntry filter : filters(row, layer.layer()).filters()) {
                    JsonObject filterJson = new JsonObject();
                    filterJson.addProperty("filter", filter.filter());
                    filterJson.addProperty("mean_alpha", filter.meanAlpha());
                    filterJson.addProperty("specificity", filter.specificity());
                    top.add(filterJson);
                }
                rowJson.add("top_filters", top);
                perRow.add(rowJson);
            }
            entry.add("rows", perRow);
            layers.add(entry);
        }
        json.add("layers", layers);
        return json;
    }
}
