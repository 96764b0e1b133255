package dev.wfnet.eval.compare;

import com.google.gson.JsonObject;
import dev.wfnet.eval.UnlearningMetrics;
import dev.wfnet.io.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A finished run: its metrics, what the method cost and every setting it ran with.
 *
 * @param key the method, class and seed
 * @param metrics the metrics of the unlearned model
 * @param seconds the method's run time (RTE), evaluation excluded
 * @param settings the method's settings, as text
 */
public record RunResult(RunKey key, UnlearningMetrics metrics, double seconds, Map<String, String> settings) {

    public RunResult {
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("method", key.method().id());
        json.addProperty("forget_class", key.forgetClass());
        json.addProperty("seed", key.seed());
        json.addProperty("rte_seconds", seconds);
        json.add("metrics", metrics.toJson());
        json.add("settings", Json.sortedObject(settings));
        return json;
    }

    public static RunResult fromJson(JsonObject json) {
        RunKey key = new RunKey(Method.parse(json.get("method").getAsString()), json.get("forget_class").getAsInt(),
                json.get("seed").getAsLong());
        return new RunResult(key, UnlearningMetrics.fromJson(json.getAsJsonObject("metrics")),
                json.get("rte_seconds").getAsDouble(), Json.stringMap(json.getAsJsonObject("settings")));
    }
}
