package dev.wfnet.explain;

import com.google.gson.JsonObject;
import dev.wfnet.WfnetException;
import dev.wfnet.io.AtomicFiles;
import dev.wfnet.io.Json;
import dev.wfnet.io.Provenance;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Every alpha analysis of one bank, with the settings and the origin of the alphas, so the numbers
 * behind each figure can be written beside it and traced back to the bank.
 *
 * @param origin where the alphas come from (model hash, step, granularity)
 * @param settings threshold, k and ranking
 * @param statistics layer statistics and per-filter scores
 * @param similarity class similarity and its clustering order
 * @param filterMap the class-to-filter map
 */
public record AlphaReport(Map<String, String> origin, ExplainSettings settings, AlphaStatistics statistics,
                          ClassSimilarity similarity, ClassFilterMap filterMap) {
    /** The files {@link #writeTo} writes, in order. */
    public static final List<String> FILES = List.of("alpha-analysis.json", "layer-statistics.csv",
            "filter-scores.csv", "class-similarity.csv", "class-filter-map.csv", "filter-sharing.csv");

    public AlphaReport {
        origin = Map.copyOf(origin);
    }

    /** Runs every analysis of this package on a view. */
    public static AlphaReport analyse(AlphaView view, ExplainSettings settings) {
        AlphaStatistics statistics = AlphaStatistics.compute(view, settings.threshold());
        return new AlphaReport(view.origin(), settings, statistics,
                ClassSimilarity.compute(view, settings.threshold()),
                ClassFilterMap.compute(statistics, settings.topK(), settings.ranking()));
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.add("bank", Json.sortedObject(origin));
        JsonObject settingsJson = new JsonObject();
        settingsJson.addProperty("threshold", settings.threshold());
        settingsJson.addProperty("top_k", settings.topK());
        settingsJson.addProperty("ranking", settings.ranking().label());
        json.add("settings", settingsJson);
        json.add("layer_statistics", statistics.toJson());
        json.add("class_similarity", similarity.toJson());
        json.add("class_filter_map", filterMap.toJson());
        return json;
    }

    /** Writes {@link #FILES} into a directory, each atomically; the JSON carries the run's provenance. */
    public void writeTo(Path directory, Provenance provenance) throws WfnetException {
        JsonObject json = toJson();
        json.add("provenance", provenance.toJson());
        List<String> contents = List.of(Json.pretty(json), statistics.toCsv(), statistics.filtersCsv(),
                similarity.toCsv(), filterMap.toCsv(), filterMap.sharingCsv());
        for (int i = 0; i < FILES.size(); i++) {
            AtomicFiles.writeString(directory.resolve(FILES.get(i)), contents.get(i));
        }
    }
}
