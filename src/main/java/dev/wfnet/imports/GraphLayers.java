package dev.wfnet.imports;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.wfnet.WfnetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The layers of a TF1-style SavedModel (no object graph, no Keras config: the computation is the
 * main graph itself), read by walking the graph back from the serving signature's output to its
 * input and naming each op what Keras would call it: Conv2D (+ BiasAdd) as Conv2D, MatMul
 * (+ BiasAdd) as Dense, FusedBatchNorm as BatchNormalization, MaxPool(V2) / AvgPool as pooling, Relu /
 * Tanh / Sigmoid / Softmax as activations, a Reshape to N x features as Flatten and any other
 * Reshape as Keras's (adding the channel dimension to an N x H x W input). Weights are the variable
 * ops the layers read, by name. Anything else in the path is named in the refusal.
 */
final class GraphLayers {
    private static final Set<String> VARIABLES = Set.of("VariableV2", "Variable", "VarHandleOp");
    private static final Set<String> PASS = Set.of("Identity", "StopGradient", "PreventGradient", "Snapshot");
    private static final Set<String> BIAS = Set.of("BiasAdd", "BiasAddV1", "Add", "AddV2");
    private static final Set<String> BATCH_NORM = Set.of("FusedBatchNorm", "FusedBatchNormV2", "FusedBatchNormV3");
    private static final int MAX_LAYERS = 1000;

    private final Map<String, SavedModelGraph.GraphNode> nodes = new HashMap<>();
    private final String source;

    private GraphLayers(SavedModelGraph graph, String source) {
        graph.nodes().forEach(node -> nodes.put(node.name(), node));
        this.source = source;
    }

    static SavedModelLayout.Layout fromGraph(SavedModelGraph graph, String source) throws WfnetException {
        return new GraphLayers(graph, source).walk(graph.signature());
    }

    private SavedModelLayout.Layout walk(SavedModelGraph.Signature signature) throws WfnetException {
        List<String> notes = new ArrayList<>();
        notes.add("layers read from the TF1-style graph's ops (no Keras config in the SavedModel)");
        long[] input = SavedModelLayout.inputShape(signature, source);
        String inputOp = opName(signature.inputTensor());
        List<SavedModelLayout.Layer> reversed = new ArrayList<>();
        SavedModelGraph.GraphNode node = node(opName(signature.outputTensor()));
        SavedModelLayout.Weight pendingBias = null;
        String pendingBiasOp = null;
        while (!node.name().equals(inputOp)) {
            if (reversed.size() > MAX_LAYERS) {
                throw new WfnetException(source + ": the graph's path from output to input has more than " + MAX_LAYERS
                        + " layers");
            }
            String op = node.op();
            SavedModelGraph.GraphNode next = node(activationInput(node));
            if (pendingBias != null && !op.equals("Conv2D") && !op.equals("MatMul")) {
                throw new WfnetException(source + ": the bias " + pendingBias.name() + " (" + pendingBiasOp + ") follows "
                        + op + " " + node.name() + ", not a Conv2D or MatMul");
            }
            if (PASS.contains(op)) {
                node = next;
                continue;
            }
            if (BIAS.contains(op)) {
                pendingBias = weight(node.dataInputs().get(1), node, "bias");
                pendingBiasOp = node.name();
                node = next;
                continue;
            }
            switch (op) {
                case "Conv2D" -> reversed.add(conv(node, pendingBias));
                case "MatMul" -> reversed.add(dense(node, pendingBias));
                case "MaxPool", "MaxPoolV2", "AvgPool" -> reversed.add(pool(node));
                case "Relu" -> reversed.add(activation("ReLU", node.name(), null));
                case "Tanh", "Sigmoid" -> reversed.add(activation("Activation", node.name(),
                        op.toLowerCase(Locale.ROOT)));
                case "Softmax" -> reversed.add(activation("Softmax", node.name(), null));
                case "Reshape" -> {
                    long[] target = node(node.dataInputs().get(1)).ints().get("value");
                    if (target == null) {
                        throw new WfnetException(source + ": the Reshape " + node.name() + " takes a computed shape;"
                                + " the import reads Reshapes to a constant shape");
                    }
                    if (target.length == 2) {
                        reversed.add(new SavedModelLayout.Layer("Flatten", node.name(), new JsonObject(), List.of()));
                    } else {
                        // Keras's Reshape: the target without the batch (the mapper says which it reads)
                        JsonObject config = new JsonObject();
                        JsonArray shape = new JsonArray();
                        Arrays.stream(target, 1, target.length).forEach(shape::add);
                        config.add("target_shape", shape);
                        reversed.add(new SavedModelLayout.Layer("Reshape", node.name(), config, List.of()));
                    }
                }
                default -> {
                    if (BATCH_NORM.contains(op)) {
                        reversed.add(batchNorm(node));
                    } else {
                        throw new WfnetException(source + ": the graph computes " + op + " (" + node.name() + ")"
                                + " between its input and output, which the import does not read (it reads Conv2D,"
                                + " MatMul, BiasAdd, FusedBatchNorm, MaxPool, AvgPool, Relu, Tanh, Sigmoid, Softmax,"
                                + " Reshape)");
                    }
                }
            }
            pendingBias = null;
            node = next;
        }
        if (pendingBias != null) {
            throw new WfnetException(source + ": the bias " + pendingBias.name() + " is added to the input itself");
        }
        Collections.reverse(reversed);
        return new SavedModelLayout.Layout(reversed, input, false, notes);
    }

    /** The input an op computes on (the others are its weights or constants). */
    private String activationInput(SavedModelGraph.GraphNode node) throws WfnetException {
        List<String> inputs = node.dataInputs();
        if (inputs.isEmpty()) {
            throw new WfnetException(source + ": the path from the signature's output reaches " + node.op() + " "
                    + node.name() + ", which does not depend on the input");
        }
        return inputs.get(0);
    }

    private SavedModelLayout.Layer conv(SavedModelGraph.GraphNode node, SavedModelLayout.Weight bias)
            throws WfnetException {
        channelsLast(node);
        long[] dilations = node.ints().get("dilations");
        if (dilations != null && Arrays.stream(dilations).anyMatch(d -> d != 1)) {
            throw new WfnetException(source + ": the Conv2D " + node.name() + " is dilated " + Arrays.toString(dilations));
        }
        SavedModelLayout.Weight kernel = weight(node.dataInputs().get(1), node, "kernel");
        long[] shape = kernel.shape();
        long[] strides = window(node, "strides");
        JsonObject config = new JsonObject();
        config.addProperty("name", layerName(kernel, node));
        config.addProperty("filters", shape[3]);
        config.add("kernel_size", pair(shape[0], shape[1]));
        config.add("strides", pair(strides[1], strides[2]));
        config.addProperty("padding", padding(node));
        config.addProperty("data_format", "channels_last");
        config.add("dilation_rate", pair(1, 1));
        config.addProperty("activation", "linear");
        config.addProperty("use_bias", bias != null);
        return new SavedModelLayout.Layer("Conv2D", layerName(kernel, node), config,
                bias == null ? List.of(kernel) : List.of(kernel, bias));
    }

    private SavedModelLayout.Layer dense(SavedModelGraph.GraphNode node, SavedModelLayout.Weight bias)
            throws WfnetException {
        if (bool(node, "transpose_a") || bool(node, "transpose_b")) {
            throw new WfnetException(source + ": the MatMul " + node.name() + " transposes an operand");
        }
        SavedModelLayout.Weight kernel = weight(node.dataInputs().get(1), node, "kernel");
        JsonObject config = new JsonObject();
        config.addProperty("name", layerName(kernel, node));
        config.addProperty("units", kernel.shape()[1]);
        config.addProperty("activation", "linear");
        config.addProperty("use_bias", bias != null);
        return new SavedModelLayout.Layer("Dense", layerName(kernel, node), config,
                bias == null ? List.of(kernel) : List.of(kernel, bias));
    }

    private SavedModelLayout.Layer pool(SavedModelGraph.GraphNode node) throws WfnetException {
        channelsLast(node);
        // MaxPoolV2 (TensorFlow Java's maxPool) takes its window as constant inputs, the others as attributes
        boolean v2 = node.op().equals("MaxPoolV2");
        long[] size = v2 ? window(node, node(node.dataInputs().get(1)), "ksize") : window(node, "ksize");
        long[] strides = v2 ? window(node, node(node.dataInputs().get(2)), "strides") : window(node, "strides");
        JsonObject config = new JsonObject();
        config.addProperty("name", node.name());
        config.add("pool_size", pair(size[1], size[2]));
        config.add("strides", pair(strides[1], strides[2]));
        config.addProperty("padding", padding(node));
        config.addProperty("data_format", "channels_last");
        return new SavedModelLayout.Layer(node.op().startsWith("MaxPool") ? "MaxPooling2D" : "AveragePooling2D",
                node.name(), config, List.of());
    }

    private SavedModelLayout.Layer batchNorm(SavedModelGraph.GraphNode node) throws WfnetException {
        channelsLast(node);
        if (bool(node, "is_training")) {
            throw new WfnetException(source + ": the batch normalisation " + node.name() + " runs in training mode in"
                    + " the serving graph (it normalises with each batch's own statistics)");
        }
        List<String> inputs = node.dataInputs();
        List<SavedModelLayout.Weight> weights = new ArrayList<>();
        List<String> names = List.of("gamma", "beta", "moving_mean", "moving_variance");
        for (int i = 1; i <= 4; i++) {
            weights.add(weight(inputs.get(i), node, names.get(i - 1)));
        }
        JsonObject config = new JsonObject();
        config.addProperty("name", layerName(weights.get(0), node));
        config.addProperty("axis", -1);
        Float epsilon = node.floats().get("epsilon");
        config.addProperty("epsilon", epsilon == null ? 1e-4 : epsilon.doubleValue());
        config.addProperty("center", true);
        config.addProperty("scale", true);
        return new SavedModelLayout.Layer("BatchNormalization", layerName(weights.get(0), node), config, weights);
    }

    private SavedModelLayout.Layer activation(String className, String name, String function) {
        JsonObject config = new JsonObject();
        config.addProperty("name", name);
        if (function != null) {
            config.addProperty("activation", function);
        }
        return new SavedModelLayout.Layer(className, name, config, List.of());
    }

    /** The variable an op reads as a weight, through Identity / ReadVariableOp. */
    private SavedModelLayout.Weight weight(String name, SavedModelGraph.GraphNode user, String role)
            throws WfnetException {
        SavedModelGraph.GraphNode node = node(name);
        for (int hops = 0; hops < 8 && !VARIABLES.contains(node.op()); hops++) {
            if (!PASS.contains(node.op()) && !node.op().equals("ReadVariableOp")) {
                break;
            }
            node = node(node.dataInputs().get(0));
        }
        if (!VARIABLES.contains(node.op())) {
            throw new WfnetException(source + ": " + user.op() + " " + user.name() + " takes " + node.op() + " "
                    + node.name() + " where the import expects a variable (a weight)");
        }
        if (node.shape().length == 0) {
            throw new WfnetException(source + ": the variable " + node.name() + " has no recorded shape");
        }
        return new SavedModelLayout.Weight(role, node.name(), node.name(), node.shape());
    }

    private void channelsLast(SavedModelGraph.GraphNode node) throws WfnetException {
        String format = node.strings().getOrDefault("data_format", "NHWC");
        if (!format.equals("NHWC")) {
            throw new WfnetException(source + ": " + node.op() + " " + node.name() + " works on " + format
                    + " data; the import reads channels-last (NHWC) graphs");
        }
    }

    private long[] window(SavedModelGraph.GraphNode node, String attribute) throws WfnetException {
        return window(node, node, attribute);
    }

    /** A window attribute of {@code node}, or the constant {@code holder} that gives it. */
    private long[] window(SavedModelGraph.GraphNode node, SavedModelGraph.GraphNode holder, String attribute)
            throws WfnetException {
        long[] values = holder == node ? node.ints().get(attribute) : holder.ints().get("value");
        if (values == null || values.length != 4 || values[0] != 1 || values[3] != 1) {
            throw new WfnetException(source + ": " + node.op() + " " + node.name() + " has " + attribute + " "
                    + Arrays.toString(values) + "; expected [1, h, w, 1]");
        }
        return values;
    }

    private String padding(SavedModelGraph.GraphNode node) throws WfnetException {
        String padding = node.strings().getOrDefault("padding", "");
        if (!padding.equals("SAME") && !padding.equals("VALID")) {
            throw new WfnetException(source + ": " + node.op() + " " + node.name() + " has padding '" + padding + "'");
        }
        return padding.toLowerCase(Locale.ROOT);
    }

    private static boolean bool(SavedModelGraph.GraphNode node, String attribute) {
        long[] value = node.ints().get(attribute);
        return value != null && value.length == 1 && value[0] != 0;
    }

    /** "conv1" for the variable "conv1/kernel"; the op's name for a variable outside a scope. */
    private static String layerName(SavedModelLayout.Weight weight, SavedModelGraph.GraphNode node) {
        int slash = weight.name().lastIndexOf('/');
        return slash > 0 ? weight.name().substring(0, slash) : node.name();
    }

    private static JsonArray pair(long a, long b) {
        JsonArray array = new JsonArray();
        array.add(a);
        array.add(b);
        return array;
    }

    private SavedModelGraph.GraphNode node(String name) throws WfnetException {
        SavedModelGraph.GraphNode node = nodes.get(opName(name));
        if (node == null) {
            throw new WfnetException(source + ": the graph has no node " + name);
        }
        return node;
    }

    private static String opName(String tensor) {
        String name = tensor.startsWith("^") ? tensor.substring(1) : tensor;
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }
}
