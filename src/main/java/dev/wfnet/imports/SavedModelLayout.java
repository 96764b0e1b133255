package dev.wfnet.imports;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.wfnet.WfnetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Keras layers of a TF2/Keras SavedModel, read from its object graph without TensorFlow: the
 * model is the root object, its layers the children {@code layer-0}, {@code layer-1}, ... in order;
 * a layer's weights are its {@code variables} list (Keras order: kernel, bias; gamma, beta,
 * moving mean, moving variance), each found in {@code variables/variables} under the checkpoint key
 * the checkpoint's own object graph gives the same node. A layer's class and config come from
 * {@code keras_metadata.pb} (TensorFlow 2.5 and later) or, in older SavedModels (TensorFlow
 * 2.1-2.4), from the object graph's own metadata. The input shape is the serving signature's.
 */
final class SavedModelLayout {
    private static final Pattern LAYER = Pattern.compile("layer-(\\d+)");
    private static final Set<String> MODELS = Set.of("_tf_keras_sequential", "_tf_keras_network", "_tf_keras_model");

    /**
     * A weight to read.
     *
     * @param shortName its Keras name within the layer ("kernel", "moving_mean")
     * @param name the variable's name ("conv2d/kernel")
     * @param key where its value is: a checkpoint key, or a TF1 graph's variable op
     * @param shape its shape as stored (Keras layout)
     */
    record Weight(String shortName, String name, String key, long[] shape) {
        Weight {
            shape = shape.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }
    }

    /**
     * A layer as Keras describes it.
     *
     * @param className "Conv2D", "Dense", ...
     * @param name the layer's name
     * @param config its Keras config
     * @param weights its weights in Keras order
     */
    record Layer(String className, String name, JsonObject config, List<Weight> weights) {
        Layer {
            weights = List.copyOf(weights);
        }
    }

    /**
     * @param layers the layers in order, without the input layer
     * @param inputShape the serving signature's input shape, -1 for the batch
     * @param fromCheckpoint whether the weights' keys are checkpoint keys (else graph variable ops)
     * @param notes what was read and assumed, for the provenance
     */
    record Layout(List<Layer> layers, long[] inputShape, boolean fromCheckpoint, List<String> notes) {
        Layout {
            layers = List.copyOf(layers);
            inputShape = inputShape.clone();
            notes = List.copyOf(notes);
        }

        @Override
        public long[] inputShape() {
            return inputShape.clone();
        }
    }

    private SavedModelLayout() {
    }

    /**
     * The layers of a SavedModel with an object graph.
     *
     * @param kerasMetadata node id -> metadata JSON from {@code keras_metadata.pb}, or empty
     */
    static Layout fromObjectGraph(SavedModelGraph graph, Map<Integer, String> kerasMetadata, String source)
            throws WfnetException {
        List<SavedModelGraph.ObjectNode> objects = graph.objects();
        SavedModelGraph.ObjectNode root = objects.get(0);
        if (!MODELS.contains(root.identifier())) {
            throw new WfnetException(source + ": the SavedModel's root object is " + describe(root) + ", not a Keras"
                    + " model; the import reads Keras models saved with model.save (or tf.saved_model.save of a"
                    + " Keras model) and TF1-style graphs");
        }
        List<String> notes = new ArrayList<>();
        notes.add("layer configs from " + (kerasMetadata.isEmpty() ? "the object graph's metadata (TensorFlow 2.1-2.4"
                + " layout)" : KerasMetadataFile.NAME));
        TreeMap<Integer, Integer> ordered = new TreeMap<>();
        root.children().forEach((name, id) -> {
            Matcher matcher = LAYER.matcher(name);
            if (matcher.matches()) {
                ordered.put(Integer.parseInt(matcher.group(1)), id);
            }
        });
        if (ordered.isEmpty()) {
            throw new WfnetException(source + ": the Keras model in the SavedModel has no layers (no layer-N objects)");
        }
        List<Layer> layers = new ArrayList<>();
        for (int id : ordered.values()) {
            SavedModelGraph.ObjectNode node = node(objects, id, source);
            String metadata = kerasMetadata.getOrDefault(id, node.metadata());
            if (metadata == null || metadata.isBlank()) {
                throw new WfnetException(source + ": layer object " + id + " has no Keras config (no "
                        + KerasMetadataFile.NAME + " and no metadata in the object graph); save the model with"
                        + " model.save('dir') from TensorFlow 2.1 or later, or as .h5/.keras");
            }
            JsonObject json = parse(metadata, source, id);
            String className = string(json, "class_name");
            String name = json.has("name") ? string(json, "name") : string(configOf(json), "name");
            if (MODELS.contains(node.identifier()) || className.equals("Sequential") || className.equals("Functional")
                    || className.equals("Model")) {
                throw new WfnetException(source + ": layer '" + name + "' is itself a model (" + className + "); the"
                        + " import reads one flat stack of layers");
            }
            if (className.equals("InputLayer")) {
                continue;
            }
            layers.add(new Layer(className, name, configOf(json), weights(objects, node, graph.checkpointKeys(), name,
                    source)));
        }
        return new Layout(layers, inputShape(graph.signature(), source), true, notes);
    }

    private static List<Weight> weights(List<SavedModelGraph.ObjectNode> objects, SavedModelGraph.ObjectNode layer,
                                        Map<Integer, String> keys, String layerName, String source)
            throws WfnetException {
        Integer listId = layer.children().get("variables");
        if (listId == null) {
            return List.of();
        }
        TreeMap<Integer, Integer> ordered = new TreeMap<>();
        for (Map.Entry<String, Integer> child : node(objects, listId, source).children().entrySet()) {
            if (child.getKey().matches("\\d+")) {
                ordered.put(Integer.parseInt(child.getKey()), child.getValue());
            }
        }
        List<Weight> weights = new ArrayList<>();
        for (int id : ordered.values()) {
            SavedModelGraph.ObjectNode variable = node(objects, id, source);
            if (!variable.isVariable()) {
                throw new WfnetException(source + ": a weight of layer '" + layerName + "' is " + describe(variable)
                        + ", not a variable");
            }
            if (!variable.floatVariable()) {
                throw new WfnetException(source + ": the weight " + variable.variableName() + " of layer '" + layerName
                        + "' is not float32; the import reads float32 models");
            }
            String key = keys.get(id);
            if (key == null) {
                throw new WfnetException(source + ": the weight " + variable.variableName() + " of layer '" + layerName
                        + "' is not in variables/variables' object graph; the variables belong to another model");
            }
            String name = variable.variableName();
            String shortName = name.substring(name.lastIndexOf('/') + 1).replaceFirst(":\\d+$", "");
            weights.add(new Weight(shortName, name, key, variable.shape()));
        }
        return weights;
    }

    /**
     * The signature's input shape, checked: a batch and known sizes (N x H x W x C, N x H x W, or
     * N x features).
     */
    static long[] inputShape(SavedModelGraph.Signature signature, String source) throws WfnetException {
        long[] shape = signature.inputShape();
        if (shape.length < 2 || shape.length > 4 || Arrays.stream(shape, 1, shape.length).anyMatch(d -> d <= 0)) {
            throw new WfnetException(source + ": the serving signature's input '" + signature.inputKey() + "' has shape "
                    + Arrays.toString(shape) + "; the import reads image classifiers taking N x H x W x C, N x H x W"
                    + " or N x features inputs of known sizes");
        }
        return shape;
    }

    private static SavedModelGraph.ObjectNode node(List<SavedModelGraph.ObjectNode> objects, int id, String source)
            throws WfnetException {
        if (id < 0 || id >= objects.size()) {
            throw new WfnetException(source + ": the object graph refers to node " + id + " of " + objects.size());
        }
        return objects.get(id);
    }

    private static JsonObject parse(String metadata, String source, int id) throws WfnetException {
        try {
            JsonElement element = JsonParser.parseString(metadata);
            if (!element.isJsonObject()) {
                throw new WfnetException(source + ": the Keras metadata of object " + id + " is not a JSON object");
            }
            return (JsonObject) untuple(element);
        } catch (JsonParseException e) {
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip();
            throw new WfnetException(source + ": the Keras metadata of object " + id + " is not JSON (" + message + ")",
                    e);
        }
    }

    /**
     * The JSON with Keras's SavedModel encoding of tuples ({@code {"class_name": "__tuple__",
     * "items": [3, 3]}}) written as the plain lists a Keras file's config has.
     */
    static JsonElement untuple(JsonElement element) {
        if (element.isJsonArray()) {
            com.google.gson.JsonArray array = new com.google.gson.JsonArray();
            element.getAsJsonArray().forEach(item -> array.add(untuple(item)));
            return array;
        }
        if (!element.isJsonObject()) {
            return element;
        }
        JsonObject object = element.getAsJsonObject();
        if (object.size() == 2 && object.has("items") && object.get("items").isJsonArray()
                && object.get("class_name") != null && "__tuple__".equals(object.get("class_name").getAsString())) {
            return untuple(object.get("items"));
        }
        JsonObject copy = new JsonObject();
        object.entrySet().forEach(entry -> copy.add(entry.getKey(), untuple(entry.getValue())));
        return copy;
    }

    private static JsonObject configOf(JsonObject json) {
        return json.has("config") && json.get("config").isJsonObject() ? json.getAsJsonObject("config")
                : new JsonObject();
    }

    private static String string(JsonObject json, String key) throws WfnetException {
        JsonElement value = json.get(key);
        if (value == null || !value.isJsonPrimitive()) {
            throw new WfnetException("the Keras metadata lacks '" + key + "': " + abbreviate(json.toString()));
        }
        return value.getAsString();
    }

    private static String describe(SavedModelGraph.ObjectNode node) {
        return node.identifier().isEmpty() ? "a " + node.kind() : "'" + node.identifier() + "'";
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
