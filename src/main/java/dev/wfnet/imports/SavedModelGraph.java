package dev.wfnet.imports;

import java.util.List;
import java.util.Map;

/**
 * What a TensorFlow SavedModel says about itself, as plain data read by {@link TensorFlowSavedModel}
 * (so that everything that interprets it needs no TensorFlow class): its serving signature, its
 * object graph (TF2/Keras SavedModels) with the checkpoint key of each variable, and the nodes of
 * its main graph (TF1-style SavedModels, whose computation is there).
 *
 * @param signature the serving signature
 * @param objects the object graph's nodes, index = node id; empty for a TF1-style SavedModel
 * @param checkpointKeys node id -> key of that variable's value in {@code variables/variables}
 * @param nodes the main graph's nodes, in the file's order
 */
public record SavedModelGraph(Signature signature, List<ObjectNode> objects, Map<Integer, String> checkpointKeys,
                              List<GraphNode> nodes) {

    public SavedModelGraph {
        objects = List.copyOf(objects);
        checkpointKeys = Map.copyOf(checkpointKeys);
        nodes = List.copyOf(nodes);
    }

    /**
     * The signature run to get reference outputs.
     *
     * @param key its name ("serving_default")
     * @param inputTensor the graph tensor fed ("serving_default_input_1:0")
     * @param inputShape its shape, -1 for an unknown dimension (the batch)
     * @param outputKey the output's name in the signature ("dense_1")
     * @param outputTensor the graph tensor fetched
     * @param outputShape its shape
     */
    public record Signature(String key, String inputKey, String inputTensor, long[] inputShape, String outputKey,
                            String outputTensor, long[] outputShape) {
        public Signature {
            inputShape = inputShape.clone();
            outputShape = outputShape.clone();
        }

        @Override
        public long[] inputShape() {
            return inputShape.clone();
        }

        @Override
        public long[] outputShape() {
            return outputShape.clone();
        }
    }

    /**
     * One node of the SavedModel's object graph.
     *
     * @param kind "user_object", "variable", "function", ...
     * @param identifier a user object's type ("_tf_keras_sequential", "_tf_keras_layer"), else ""
     * @param metadata a user object's JSON metadata (TF 2.1-2.4 keep the Keras config here), else ""
     * @param children local name -> node id, in the file's order
     * @param variableName a variable's name ("conv2d/kernel"), else ""
     * @param floatVariable whether the variable holds 32-bit floats
     * @param shape a variable's shape, else empty
     */
    public record ObjectNode(String kind, String identifier, String metadata, Map<String, Integer> children,
                             String variableName, boolean floatVariable, long[] shape) {
        public ObjectNode {
            children = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(children));
            shape = shape.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        public boolean isVariable() {
            return kind.equals("variable");
        }
    }

    /**
     * One node of the main graph, with the attributes the import reads.
     *
     * @param name the op's name
     * @param op its type ("Conv2D", "VariableV2")
     * @param inputs its inputs ("conv1/weights/read", "^control" for control inputs)
     * @param ints integer-list attributes (strides, ksize, dilations) and an integer Const's values ("value")
     * @param strings string attributes (padding, data_format)
     * @param floats float attributes (epsilon, alpha)
     * @param shape a Placeholder's or variable's shape, else empty
     */
    public record GraphNode(String name, String op, List<String> inputs, Map<String, long[]> ints,
                            Map<String, String> strings, Map<String, Float> floats, long[] shape) {
        public GraphNode {
            inputs = List.copyOf(inputs);
            ints = Map.copyOf(ints);
            strings = Map.copyOf(strings);
            floats = Map.copyOf(floats);
            shape = shape.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        /** The data inputs' op names, without output indices and control inputs. */
        public List<String> dataInputs() {
            return inputs.stream().filter(i -> !i.startsWith("^")).map(i -> {
                int colon = i.indexOf(':');
                return colon < 0 ? i : i.substring(0, colon);
            }).toList();
        }
    }
}
