package dev.wfnet.imports.keras;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import dev.wfnet.WfnetException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Keras model config ({@code model.to_json()}: the {@code model_config} attribute of an
 * {@code .h5} file, {@code config.json} of a {@code .keras} file) as a chain of layer configs:
 * a Sequential model's layers as listed (Keras 2's {@code {"layers": [...]}}, Keras 2.1's bare
 * list, Keras 3's entries with {@code module} and {@code build_config}), or a Functional model's
 * layers put in the order of their inbound nodes when every layer takes the one before it. The
 * input shape is the InputLayer's ({@code batch_input_shape} in Keras 2, {@code batch_shape} in
 * Keras 3), else the first layer's {@code batch_input_shape}, else the model's build shape.
 */
public final class KerasConfig {
    /** A config larger than this is not a model's. */
    public static final int MAX_CHARS = 64 << 20;
    private static final int MAX_LAYERS = 10_000;

    /**
     * One layer as the config lists it.
     *
     * @param className the Keras class
     * @param name the layer's name
     * @param config its config object
     */
    public record LayerConfig(String className, String name, JsonObject config) {
    }

    /**
     * The chain.
     *
     * @param modelClass Sequential, Functional or Model
     * @param inputShape the input shape, batch axis first (entries may be null); empty if not stated
     * @param layers the layers, input to output
     * @param listed the same layers in the order the config lists them (Keras's {@code model.layers})
     */
    public record Chain(String modelClass, List<Long> inputShape, List<LayerConfig> layers, List<LayerConfig> listed) {
    }

    private KerasConfig() {
    }

    public static Chain parse(String json, String source) throws WfnetException {
        if (json.length() > MAX_CHARS) {
            throw new WfnetException(source + ": the model config has " + json.length() + " characters, more than a"
                    + " model's");
        }
        JsonElement root;
        try {
            root = JsonParser.parseReader(new JsonReader(new StringReader(json)));
        } catch (JsonParseException | IllegalStateException | StackOverflowError e) {
            throw new WfnetException(source + ": the model config is not valid JSON (" + firstLine(e) + ")", e);
        }
        try {
            return chain(root, source);
        } catch (IllegalStateException | UnsupportedOperationException | ClassCastException | NumberFormatException
                 | IndexOutOfBoundsException e) {
            throw new WfnetException(source + ": the model config is not a Keras model's (" + firstLine(e) + ")", e);
        }
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }

    private static Chain chain(JsonElement root, String source) throws WfnetException {
        if (!root.isJsonObject() || !root.getAsJsonObject().has("class_name")) {
            throw new WfnetException(source + ": the model config has no class_name; it is not a Keras model's");
        }
        JsonObject model = root.getAsJsonObject();
        String modelClass = model.get("class_name").getAsString();
        JsonElement config = model.get("config");
        List<LayerConfig> layers;
        JsonArray list;
        if (config != null && config.isJsonArray()) {
            list = config.getAsJsonArray();
        } else if (config != null && config.isJsonObject() && config.getAsJsonObject().has("layers")
                && config.getAsJsonObject().get("layers").isJsonArray()) {
            list = config.getAsJsonObject().getAsJsonArray("layers");
        } else {
            throw new WfnetException(source + ": the " + modelClass + " model config lists no layers");
        }
        if (list.size() > MAX_LAYERS) {
            throw new WfnetException(source + ": the model config lists " + list.size() + " layers, more than the"
                    + " import reads (" + MAX_LAYERS + ")");
        }
        List<LayerConfig> listed = listed(list, source);
        switch (modelClass) {
            case "Sequential" -> layers = listed;
            case "Functional", "Model" -> layers = functionalChain(list, listed, source);
            default -> throw new WfnetException(source + ": the model is a " + modelClass + "; the import reads"
                    + " Sequential and Functional models (subclassed models keep their code, not a config)");
        }
        List<Long> inputShape = inputShape(model, list, layers);
        return new Chain(modelClass, inputShape, layers, listed);
    }

    private static List<LayerConfig> listed(JsonArray list, String source) throws WfnetException {
        List<LayerConfig> layers = new ArrayList<>();
        for (JsonElement element : list) {
            layers.add(layer(element, source));
        }
        return layers;
    }

    private static LayerConfig layer(JsonElement element, String source) throws WfnetException {
        if (!element.isJsonObject() || !element.getAsJsonObject().has("class_name")) {
            throw new WfnetException(source + ": a layer of the model config has no class_name");
        }
        JsonObject entry = element.getAsJsonObject();
        String className = entry.get("class_name").getAsString();
        JsonObject config = entry.has("config") && entry.get("config").isJsonObject() ? entry.getAsJsonObject("config")
                : new JsonObject();
        String name = entry.has("name") ? entry.get("name").getAsString()
                : config.has("name") ? config.get("name").getAsString() : className.toLowerCase(java.util.Locale.ROOT);
        return new LayerConfig(className, name, config);
    }

    /** A Functional model's layers in data order, when they form one chain from one input to one output. */
    private static List<LayerConfig> functionalChain(JsonArray list, List<LayerConfig> listed, String source)
            throws WfnetException {
        Map<String, LayerConfig> byName = new LinkedHashMap<>();
        Map<String, List<String>> inputsOf = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonElement element = list.get(i);
            LayerConfig layer = listed.get(i);
            if (byName.put(layer.name(), layer) != null) {
                throw new WfnetException(source + ": two layers are named '" + layer.name() + "'");
            }
            JsonElement nodes = element.getAsJsonObject().get("inbound_nodes");
            List<String> inputs = new ArrayList<>();
            int nodeCount = nodes == null || !nodes.isJsonArray() ? 0 : nodes.getAsJsonArray().size();
            if (nodeCount > 1) {
                throw new WfnetException(source + ": layer '" + layer.name() + "' is called " + nodeCount + " times;"
                        + " the import reads a Functional model only when it is a plain chain of layers");
            }
            if (nodeCount == 1) {
                collectInbound(nodes.getAsJsonArray().get(0), inputs, 0);
            }
            inputsOf.put(layer.name(), inputs);
        }
        List<LayerConfig> chain = new ArrayList<>();
        Map<String, String> next = new HashMap<>();
        String start = null;
        for (Map.Entry<String, List<String>> entry : inputsOf.entrySet()) {
            List<String> inputs = entry.getValue();
            if (inputs.isEmpty()) {
                if (start != null) {
                    throw new WfnetException(source + ": the model has several inputs ('" + start + "', '"
                            + entry.getKey() + "'); the import reads a plain chain of layers");
                }
                start = entry.getKey();
            } else if (inputs.size() > 1) {
                throw new WfnetException(source + ": layer '" + entry.getKey() + "' takes inputs from "
                        + String.join(", ", inputs) + "; the import reads a Functional model only when it is a plain"
                        + " chain of layers (no branches, additions or concatenations)");
            } else {
                String previous = inputs.get(0);
                if (!byName.containsKey(previous)) {
                    throw new WfnetException(source + ": layer '" + entry.getKey() + "' takes its input from '"
                            + previous + "', which the config does not list");
                }
                if (next.put(previous, entry.getKey()) != null) {
                    throw new WfnetException(source + ": the output of layer '" + previous + "' goes to several"
                            + " layers; the import reads a plain chain of layers");
                }
            }
        }
        if (start == null) {
            throw new WfnetException(source + ": no layer of the model config is its input");
        }
        for (String at = start; at != null && chain.size() <= byName.size(); at = next.get(at)) {
            chain.add(byName.get(at));
        }
        if (chain.size() != byName.size()) {
            throw new WfnetException(source + ": the layers do not form one chain from the input to the output");
        }
        return chain;
    }

    /**
     * The names of the layers a node takes tensors from: Keras 2's {@code [["conv2d", 0, 0, {}]]}
     * and Keras 3's {@code {"args": [{"config": {"keras_history": ["conv2d", 0, 0]}}]}}.
     */
    private static void collectInbound(JsonElement node, List<String> names, int depth) {
        if (depth > 12 || node == null) {
            return;
        }
        if (node.isJsonArray()) {
            JsonArray array = node.getAsJsonArray();
            if (array.size() >= 3 && array.get(0).isJsonPrimitive() && array.get(0).getAsJsonPrimitive().isString()
                    && array.get(1).isJsonPrimitive() && array.get(1).getAsJsonPrimitive().isNumber()) {
                names.add(array.get(0).getAsString());
                return;
            }
            for (JsonElement e : array) {
                collectInbound(e, names, depth + 1);
            }
        } else if (node.isJsonObject()) {
            JsonObject object = node.getAsJsonObject();
            if (object.has("keras_history")) {
                collectInbound(object.get("keras_history"), names, depth + 1);
                return;
            }
            for (String key : List.of("args", "config")) {
                if (object.has(key)) {
                    collectInbound(object.get(key), names, depth + 1);
                }
            }
        }
    }

    private static List<Long> inputShape(JsonObject model, JsonArray list, List<LayerConfig> layers) {
        for (LayerConfig layer : layers) {
            if (layer.className().equals("InputLayer")) {
                for (String key : List.of("batch_shape", "batch_input_shape")) {
                    if (isShape(layer.config().get(key))) {
                        return shape(layer.config().get(key));
                    }
                }
            }
        }
        if (!layers.isEmpty() && isShape(layers.get(0).config().get("batch_input_shape"))) {
            return shape(layers.get(0).config().get("batch_input_shape"));
        }
        JsonElement config = model.get("config");
        if (config != null && config.isJsonObject() && isShape(config.getAsJsonObject().get("build_input_shape"))) {
            return shape(config.getAsJsonObject().get("build_input_shape"));
        }
        for (JsonElement holder : List.of(model, list.isEmpty() ? model : list.get(0))) {
            JsonElement build = holder.isJsonObject() ? holder.getAsJsonObject().get("build_config") : null;
            if (build != null && build.isJsonObject() && isShape(build.getAsJsonObject().get("input_shape"))) {
                return shape(build.getAsJsonObject().get("input_shape"));
            }
        }
        return List.of();
    }

    private static boolean isShape(JsonElement value) {
        if (value == null || !value.isJsonArray() || value.getAsJsonArray().isEmpty()
                || value.getAsJsonArray().size() > 8) {
            return false;
        }
        for (JsonElement e : value.getAsJsonArray()) {
            if (!e.isJsonNull() && !(e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber())) {
                return false;
            }
        }
        return true;
    }

    private static List<Long> shape(JsonElement value) {
        List<Long> shape = new ArrayList<>();
        for (JsonElement e : value.getAsJsonArray()) {
            shape.add(e.isJsonNull() ? null : e.getAsLong());
        }
        return shape;
    }

    /** Keras 3's file name of a layer class ({@code BatchNormalization} -> {@code batch_normalization}). */
    public static String snakeCase(String className) {
        String name = className.replaceAll("\\W+", "");
        name = name.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** Reads a config from bytes (UTF-8). */
    public static Chain parse(byte[] json, String source) throws WfnetException {
        return parse(new String(json, java.nio.charset.StandardCharsets.UTF_8), source);
    }
}
