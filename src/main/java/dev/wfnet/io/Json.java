package dev.wfnet.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The project's JSON conventions: pretty output, NaN allowed, keys of maps sorted. */
public final class Json {
    public static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .disableHtmlEscaping().create();

    private Json() {
    }

    public static String pretty(JsonElement element) {
        return GSON.toJson(element) + "\n";
    }

    public static JsonObject sortedObject(Map<String, String> map) {
        JsonObject json = new JsonObject();
        new TreeMap<>(map).forEach(json::addProperty);
        return json;
    }

    public static Map<String, String> stringMap(JsonObject json) {
        Map<String, String> map = new LinkedHashMap<>();
        if (json != null) {
            json.entrySet().forEach(e -> map.put(e.getKey(), e.getValue().getAsString()));
        }
        return map;
    }
}
