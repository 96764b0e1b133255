package dev.wfnet.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The project's JSON conventions: pretty output, NaN allowed, keys of maps sorted; and reading
 * members with their presence and type checked, so a parser of a file's JSON meets one exception,
 * {@link JsonParseException} (Gson's, also what malformed text raises), whose message names the
 * member that is missing or of the wrong type.
 */
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

    /** {@code element} as an object; {@code what} names it in the message if it is not one. */
    public static JsonObject asObject(JsonElement element, String what) {
        if (element == null || !element.isJsonObject()) {
            throw new JsonParseException(what + " is not a JSON object");
        }
        return element.getAsJsonObject();
    }

    /** Member {@code key} of {@code parent}, which must be an object. */
    public static JsonObject object(JsonObject parent, String key) {
        return asObject(member(parent, key), quoted(key));
    }

    /** Member {@code key} of {@code parent}, which must be a string (or another JSON primitive, as text). */
    public static String string(JsonObject parent, String key) {
        return text(member(parent, key), quoted(key));
    }

    /** Member {@code key} of {@code parent}, which must be a whole number that fits an int. */
    public static int integer(JsonObject parent, String key) {
        long value = wholeNumber(member(parent, key), quoted(key));
        if (value != (int) value) {
            throw new JsonParseException(quoted(key) + " is out of range: " + value);
        }
        return (int) value;
    }

    /** Member {@code key} of {@code parent}, which must be an array of whole numbers. */
    public static long[] longs(JsonObject parent, String key) {
        JsonElement element = member(parent, key);
        if (!element.isJsonArray()) {
            throw new JsonParseException(quoted(key) + " is not a list of whole numbers");
        }
        JsonArray array = element.getAsJsonArray();
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = wholeNumber(array.get(i), quoted(key) + " entry " + i);
        }
        return values;
    }

    /** An object of primitive values (safetensors metadata, settings) as text by key, in order. */
    public static Map<String, String> strings(JsonElement element, String what) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : asObject(element, what).entrySet()) {
            map.put(entry.getKey(), text(entry.getValue(), what + " entry " + quoted(entry.getKey())));
        }
        return map;
    }

    private static JsonElement member(JsonObject parent, String key) {
        JsonElement element = parent.get(key);
        if (element == null || element.isJsonNull()) {
            throw new JsonParseException("missing " + quoted(key));
        }
        return element;
    }

    private static String text(JsonElement element, String what) {
        if (!element.isJsonPrimitive()) {
            throw new JsonParseException(what + " is not a string");
        }
        return element.getAsString();
    }

    private static long wholeNumber(JsonElement element, String what) {
        if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isNumber()) {
            throw new JsonParseException(what + " is not a whole number");
        }
        JsonPrimitive number = element.getAsJsonPrimitive();
        try {
            return number.getAsBigDecimal().longValueExact();
        } catch (ArithmeticException e) {
            throw new JsonParseException(what + " is not a whole number: " + number, e);
        }
    }

    private static String quoted(String key) {
        return "\"" + key + "\"";
    }
}
