package dev.wfnet.imports;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObject;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObjectGraph;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedUserObject;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedVariable;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph.TrackableObject;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph.TrackableObject.ObjectReference;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph.TrackableObject.SerializedTensor;
import org.tensorflow.proto.VersionDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * Writes the SavedModel fixtures of {@code src/test/resources/imports/savedmodel} with TensorFlow
 * Java itself (there is no Python TensorFlow here), each beside its probe inputs (in the model's
 * own layout) and TensorFlow's outputs on them ({@code NAME.inputs.npy}, {@code NAME.outputs.npy}):
 *
 * <ul>
 *   <li>{@code tf1-cnn-bn}: a TF1-style graph (variable ops, the computation in the main graph):
 *       Conv2D + BiasAdd, FusedBatchNorm, Relu, MaxPool, a stride-2 'SAME' Conv2D (on 13 x 13 maps:
 *       one pixel each side), Reshape, MatMul + BiasAdd, Softmax: probabilities out.</li>
 *   <li>{@code tf1-mlp-channelless}: input N x 28 x 28 (no channel dimension), Reshape to
 *       N x 784, two MatMul layers with Tanh: logits out.</li>
 *   <li>{@code tf1-cnn-channelless}: input N x 28 x 28 reshaped to N x 28 x 28 x 1, a 'SAME'
 *       Conv2D, Relu, AvgPool, a dense layer: logits out.</li>
 *   <li>{@code keras-objectgraph}: a Keras-like layout, as TensorFlow 2.1-2.4 saved Keras models:
 *       an object graph (root {@code _tf_keras_sequential}, {@code layer-N} children with their
 *       Keras config as metadata, {@code variables} lists) in {@code saved_model.pb}, and a
 *       checkpoint keyed by object path ({@code layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE})
 *       with its own object graph under {@code _CHECKPOINTABLE_OBJECT_GRAPH}; Rescaling(1/255),
 *       Conv2D relu, BatchNormalization, MaxPooling2D, Flatten, Dense softmax.</li>
 *   <li>{@code keras-metadata}: the same layout as TensorFlow 2.5 and later write it: the configs
 *       in {@code keras_metadata.pb}, none in the object graph; channel-less input with a Keras
 *       Reshape layer, logits out.</li>
 * </ul>
 *
 * <p>What TensorFlow Java cannot make: the computation of the Keras-like fixtures lives in the
 * main graph on variable ops, where TensorFlow 2 puts it in functions on resource variables; the
 * import reads neither (it reads configs and variables), so the layout it reads is the real one.
 *
 * <p>Run: {@code java -cp target/test-classes:target/classes:$(cat cp.txt)
 * dev.wfnet.imports.SavedModelFixtureGenerator src/test/resources/imports/savedmodel}. Seeded:
 * the same files every time (up to TensorFlow's own file bytes).
 */
public final class SavedModelFixtureGenerator {
    static final int PROBES = 6;
    private static final java.util.concurrent.atomic.AtomicInteger POOLS = new java.util.concurrent.atomic.AtomicInteger();
    static final List<String> NAMES = List.of("tf1-cnn-bn", "tf1-mlp-channelless", "tf1-cnn-channelless",
            "keras-objectgraph", "keras-metadata");

    private SavedModelFixtureGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/imports/savedmodel");
        Files.createDirectories(out);
        writeAll(out);
    }

    static void writeAll(Path out) throws IOException {
        tf1CnnBn(out.resolve("tf1-cnn-bn"));
        tf1MlpChannelless(out.resolve("tf1-mlp-channelless"));
        tf1CnnChannelless(out.resolve("tf1-cnn-channelless"));
        keras(out.resolve("keras-objectgraph"), false);
        keras(out.resolve("keras-metadata"), true);
    }

    // ---- the models -------------------------------------------------------------------------------

    private static void tf1CnnBn(Path dir) throws IOException {
        Random random = new Random(11);
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.withName("images").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, 28, 28, 1)));
            Ops c1 = tf.withSubScope("conv1");
            Operand<TFloat32> h = tf.nn.biasAdd(tf.nn.conv2d(x, variable(c1, "weights", random, 0.3f, 3, 3, 1, 4),
                    List.of(1L, 1L, 1L, 1L), "VALID"), variable(c1, "biases", random, 0.1f, 4));
            Ops bn = tf.withSubScope("bn1");
            FusedBatchNorm<TFloat32, TFloat32> norm = tf.nn.fusedBatchNorm(h,
                    positive(bn, "gamma", random, 4), variable(bn, "beta", random, 0.1f, 4),
                    variable(bn, "moving_mean", random, 0.1f, 4), positive(bn, "moving_variance", random, 4),
                    FusedBatchNorm.epsilon(1e-3f), FusedBatchNorm.isTraining(false));
            h = tf.nn.relu(norm.y());
            h = maxPool(g, tf, h, 2, 2, "VALID");
            Ops c2 = tf.withSubScope("conv2");
            h = tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(h, variable(c2, "weights", random, 0.3f, 3, 3, 4, 6),
                    List.of(1L, 2L, 2L, 1L), "SAME"), variable(c2, "biases", random, 0.1f, 6)));
            h = tf.reshape(h, tf.constant(new int[] {-1, 7 * 7 * 6}));
            Ops fc = tf.withSubScope("fc");
            Operand<TFloat32> logits = tf.nn.biasAdd(tf.linalg.matMul(h, variable(fc, "weights", random, 0.2f,
                    7 * 7 * 6, 10)), variable(fc, "biases", random, 0.1f, 10));
            Operand<TFloat32> probabilities = tf.withName("probabilities").nn.softmax(logits);
            export(dir, s, x, probabilities, new long[] {28, 28, 1}, 1f);
        }
    }

    private static void tf1MlpChannelless(Path dir) throws IOException {
        Random random = new Random(12);
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 28, 28)));
            Operand<TFloat32> h = tf.reshape(x, tf.constant(new int[] {-1, 784}));
            Ops l1 = tf.withSubScope("hidden");
            h = tf.math.tanh(tf.nn.biasAdd(tf.linalg.matMul(h, variable(l1, "kernel", random, 0.1f, 784, 16)),
                    variable(l1, "bias", random, 0.1f, 16)));
            Ops l2 = tf.withSubScope("logits");
            Operand<TFloat32> logits = tf.withName("logits_out").nn.biasAdd(tf.linalg.matMul(h,
                    variable(l2, "kernel", random, 0.5f, 16, 10)), variable(l2, "bias", random, 0.1f, 10));
            export(dir, s, x, logits, new long[] {28, 28}, 1f);
        }
    }

    private static void tf1CnnChannelless(Path dir) throws IOException {
        Random random = new Random(13);
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 28, 28)));
            Operand<TFloat32> h = tf.reshape(x, tf.constant(new int[] {-1, 28, 28, 1}));
            Ops c1 = tf.withSubScope("conv");
            h = tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(h, variable(c1, "kernel", random, 0.3f, 5, 5, 1, 3),
                    List.of(1L, 1L, 1L, 1L), "SAME"), variable(c1, "bias", random, 0.1f, 3)));
            h = tf.nn.avgPool(h, List.of(1L, 4L, 4L, 1L), List.of(1L, 4L, 4L, 1L), "VALID");
            h = tf.reshape(h, tf.constant(new int[] {-1, 7 * 7 * 3}));
            Ops fc = tf.withSubScope("dense");
            Operand<TFloat32> logits = tf.withName("scores").nn.biasAdd(tf.linalg.matMul(h, variable(fc, "kernel",
                    random, 0.3f, 7 * 7 * 3, 10)), variable(fc, "bias", random, 0.1f, 10));
            export(dir, s, x, logits, new long[] {28, 28}, 1f);
        }
    }

    /** The Keras-like layout; {@code metadataFile}: configs in keras_metadata.pb (TF 2.5+), else in the object graph. */
    private static void keras(Path dir, boolean metadataFile) throws IOException {
        Random random = new Random(metadataFile ? 15 : 14);
        KerasLike model = new KerasLike();
        SavedObjectGraph objectGraph;
        byte[] metadataBytes;
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x;
            Operand<TFloat32> h;
            long[] inputShape;
            float range;
            if (!metadataFile) {
                inputShape = new long[] {28, 28, 1};
                range = 255f;
                x = tf.withName("serving_default_input_1").placeholder(TFloat32.class,
                        Placeholder.shape(Shape.of(-1, 28, 28, 1)));
                model.layer("Rescaling", "rescaling", config("scale", 1 / 255.0, "offset", 0.0));
                h = tf.math.mul(x, tf.constant(1 / 255f));
                Ops conv = tf.withSubScope("conv2d");
                Variable<TFloat32> kernel = variable(conv, "kernel", random, 0.3f, 3, 3, 1, 5);
                Variable<TFloat32> bias = variable(conv, "bias", random, 0.1f, 5);
                model.layer("Conv2D", "conv2d", conv2dConfig(5, 3, 1, "valid", "relu"), "kernel", kernel, "bias", bias);
                h = tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(h, kernel, List.of(1L, 1L, 1L, 1L), "VALID"), bias));
                Ops bn = tf.withSubScope("batch_normalization");
                Variable<TFloat32> gamma = positive(bn, "gamma", random, 5);
                Variable<TFloat32> beta = variable(bn, "beta", random, 0.1f, 5);
                Variable<TFloat32> mean = variable(bn, "moving_mean", random, 0.2f, 5);
                Variable<TFloat32> variance = positive(bn, "moving_variance", random, 5);
                JsonObject bnConfig = config("epsilon", 0.001, "momentum", 0.99);
                bnConfig.add("axis", array(3));
                bnConfig.addProperty("center", true);
                bnConfig.addProperty("scale", true);
                model.layer("BatchNormalization", "batch_normalization", bnConfig, "gamma", gamma, "beta", beta,
                        "moving_mean", mean, "moving_variance", variance);
                h = tf.nn.fusedBatchNorm(h, gamma, beta, mean, variance, FusedBatchNorm.epsilon(1e-3f),
                        FusedBatchNorm.isTraining(false)).y();
                JsonObject pool = config();
                pool.add("pool_size", array(2, 2));
                pool.add("strides", array(2, 2));
                pool.addProperty("padding", "valid");
                pool.addProperty("data_format", "channels_last");
                model.layer("MaxPooling2D", "max_pooling2d", pool);
                h = maxPool(g, tf, h, 2, 2, "VALID");
                model.layer("Flatten", "flatten", config("data_format", "channels_last"));
                h = tf.reshape(h, tf.constant(new int[] {-1, 13 * 13 * 5}));
                Ops dense = tf.withSubScope("dense");
                Variable<TFloat32> w = variable(dense, "kernel", random, 0.1f, 13 * 13 * 5, 10);
                Variable<TFloat32> b = variable(dense, "bias", random, 0.1f, 10);
                model.layer("Dense", "dense", denseConfig(10, "softmax"), "kernel", w, "bias", b);
                h = tf.withName("StatefulPartitionedCall").nn.softmax(tf.nn.biasAdd(tf.linalg.matMul(h, w), b));
            } else {
                inputShape = new long[] {28, 28};
                range = 1f;
                x = tf.withName("serving_default_flat_input").placeholder(TFloat32.class,
                        Placeholder.shape(Shape.of(-1, 28, 28)));
                JsonObject reshape = config();
                reshape.add("target_shape", array(28, 28, 1));
                model.layer("Reshape", "reshape", reshape);
                h = tf.reshape(x, tf.constant(new int[] {-1, 28, 28, 1}));
                Ops conv = tf.withSubScope("conv2d_7");
                Variable<TFloat32> kernel = variable(conv, "kernel", random, 0.3f, 3, 3, 1, 4);
                Variable<TFloat32> bias = variable(conv, "bias", random, 0.1f, 4);
                model.layer("Conv2D", "conv2d_7", conv2dConfig(4, 3, 2, "valid", "linear"), "kernel", kernel, "bias",
                        bias);
                h = tf.nn.biasAdd(tf.nn.conv2d(h, kernel, List.of(1L, 2L, 2L, 1L), "VALID"), bias);
                model.layer("ReLU", "re_lu", config());
                h = tf.nn.relu(h);
                model.layer("Flatten", "flatten_3", config("data_format", "channels_last"));
                h = tf.reshape(h, tf.constant(new int[] {-1, 13 * 13 * 4}));
                model.layer("Dropout", "dropout", config("rate", 0.25));
                Ops dense = tf.withSubScope("dense_9");
                Variable<TFloat32> w = variable(dense, "kernel", random, 0.1f, 13 * 13 * 4, 10);
                Variable<TFloat32> b = variable(dense, "bias", random, 0.1f, 10);
                model.layer("Dense", "dense_9", denseConfig(10, "linear"), "kernel", w, "bias", b);
                h = tf.withName("StatefulPartitionedCall").nn.biasAdd(tf.linalg.matMul(h, w), b);
            }
            // the restore the loader runs: by object path, as TensorFlow 2 checkpoints are keyed
            Ops save = tf.withSubScope("keras_save");
            Placeholder<TString> filename = save.withName("filename").placeholder(TString.class);
            List<String> keys = model.checkpointKeys();
            var restore = save.train.restore(filename, save.constant(NdArrays.vectorOfObjects(keys.toArray(
                    String[]::new))), save.constant(NdArrays.vectorOfObjects(Collections.nCopies(keys.size(), "")
                    .toArray(String[]::new))), Collections.nCopies(keys.size(), TFloat32.class));
            List<Op> assigns = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                @SuppressWarnings("unchecked")
                Operand<TFloat32> value = (Operand<TFloat32>) restore.tensors().get(i);
                assigns.add(save.assign(model.variables.get(i), value));
            }
            save.withControlDependencies(assigns).withName("restore_all").noOp();
            export(dir, s, x, h, inputShape, range);

            // the checkpoint rewritten under the object paths, with its object graph
            Placeholder<TString> graphBytes = save.withName("object_graph").placeholder(TString.class);
            List<Operand<?>> values = new ArrayList<>(model.variables);
            values.add(graphBytes);
            List<String> allKeys = new ArrayList<>(keys);
            allKeys.add("_CHECKPOINTABLE_OBJECT_GRAPH");
            Op write = save.train.save(save.constant(dir.resolve("variables/variables").toString()),
                    save.constant(NdArrays.vectorOfObjects(allKeys.toArray(String[]::new))),
                    save.constant(NdArrays.vectorOfObjects(Collections.nCopies(allKeys.size(), "").toArray(
                            String[]::new))), values);
            try (TString bytes = TString.tensorOfBytes(NdArrays.scalarOfObject(model.trackable().toByteArray()))) {
                s.runner().feed(graphBytes, bytes).addTarget(write).run();
            }
            objectGraph = model.objectGraph(!metadataFile);
            metadataBytes = metadataFile ? model.kerasMetadata() : null;
        }
        // saved_model.pb with the object graph, restoring through keras_save
        Path pb = dir.resolve("saved_model.pb");
        SavedModel saved = SavedModel.parseFrom(Files.readAllBytes(pb));
        var meta = saved.getMetaGraphs(0).toBuilder();
        meta.setObjectGraphDef(objectGraph);
        meta.setSaverDef(meta.getSaverDef().toBuilder().setFilenameTensorName("keras_save/filename:0")
                .setRestoreOpName("keras_save/restore_all"));
        Files.write(pb, saved.toBuilder().setMetaGraphs(0, meta).build().toByteArray());
        if (metadataFile) {
            Files.write(dir.resolve("keras_metadata.pb"), metadataBytes);
        }
    }

    /**
     * A Keras Sequential model's trackable structure: root 0, then per layer its node, its
     * variables list and its variables.
     */
    private static final class KerasLike {
        private final List<String[]> layerInfo = new ArrayList<>();
        private final List<JsonObject> layerJson = new ArrayList<>();
        private final List<List<String>> weightNames = new ArrayList<>();
        final List<Variable<TFloat32>> variables = new ArrayList<>();
        private final List<List<Integer>> variableIndices = new ArrayList<>();

        /** A layer: class, name, config, then (weight short name, variable) pairs. */
        void layer(String className, String name, JsonObject config, Object... weights) {
            config.addProperty("name", name);
            JsonObject json = new JsonObject();
            json.addProperty("name", name);
            json.addProperty("trainable", true);
            json.addProperty("expects_training_arg", false);
            json.addProperty("dtype", "float32");
            json.addProperty("class_name", className);
            json.add("config", config);
            layerInfo.add(new String[] {className, name});
            layerJson.add(json);
            List<String> names = new ArrayList<>();
            List<Integer> indices = new ArrayList<>();
            for (int i = 0; i < weights.length; i += 2) {
                names.add((String) weights[i]);
                @SuppressWarnings("unchecked")
                Variable<TFloat32> variable = (Variable<TFloat32>) weights[i + 1];
                indices.add(variables.size());
                variables.add(variable);
            }
            weightNames.add(names);
            variableIndices.add(indices);
        }

        /** The layers with weights, in order, are layer_with_weights-0, -1, ... */
        List<String> checkpointKeys() {
            List<String> keys = new ArrayList<>();
            int withWeights = 0;
            for (List<String> names : weightNames) {
                if (names.isEmpty()) {
                    continue;
                }
                for (String name : names) {
                    keys.add("layer_with_weights-" + withWeights + "/" + name + "/.ATTRIBUTES/VARIABLE_VALUE");
                }
                withWeights++;
            }
            return keys;
        }

        /** Node ids: 0 root; then per layer: layer node, its variables list, its variables. */
        private List<int[]> layout() {
            List<int[]> ids = new ArrayList<>(); // {layer, list, firstVariable}
            int next = 1;
            for (List<String> names : weightNames) {
                ids.add(new int[] {next, next + 1, next + 2});
                next += 2 + names.size();
            }
            return ids;
        }

        SavedObjectGraph objectGraph(boolean withMetadata) {
            List<int[]> ids = layout();
            SavedObject.Builder root = SavedObject.newBuilder().setUserObject(user("_tf_keras_sequential",
                    withMetadata ? modelJson().toString() : ""));
            int withWeights = 0;
            for (int l = 0; l < layerInfo.size(); l++) {
                if (!weightNames.get(l).isEmpty()) {
                    root.addChildren(child("layer_with_weights-" + withWeights++, ids.get(l)[0]));
                }
                root.addChildren(child("layer-" + l, ids.get(l)[0]));
            }
            List<SavedObject> nodes = new ArrayList<>();
            nodes.add(root.build());
            for (int l = 0; l < layerInfo.size(); l++) {
                int[] id = ids.get(l);
                SavedObject.Builder layer = SavedObject.newBuilder().setUserObject(user("_tf_keras_layer",
                        withMetadata ? layerJson.get(l).toString() : ""));
                layer.addChildren(child("variables", id[1]));
                SavedObject.Builder list = SavedObject.newBuilder().setUserObject(user("trackable_list_wrapper", ""));
                List<SavedObject> vars = new ArrayList<>();
                for (int w = 0; w < weightNames.get(l).size(); w++) {
                    layer.addChildren(child(weightNames.get(l).get(w), id[2] + w));
                    list.addChildren(child(Integer.toString(w), id[2] + w));
                    Variable<TFloat32> variable = variables.get(variableIndices.get(l).get(w));
                    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
                    for (long d : variable.asOutput().shape().asArray()) {
                        shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
                    }
                    vars.add(SavedObject.newBuilder().setVariable(SavedVariable.newBuilder()
                            .setName(layerInfo.get(l)[1] + "/" + weightNames.get(l).get(w))
                            .setDtype(DataType.DT_FLOAT).setShape(shape)).build());
                }
                nodes.add(layer.build());
                nodes.add(list.build());
                nodes.addAll(vars);
            }
            return SavedObjectGraph.newBuilder().addAllNodes(nodes).build();
        }

        /** The checkpoint's object graph: the same nodes, each variable with its key. */
        TrackableObjectGraph trackable() {
            SavedObjectGraph graph = objectGraph(false);
            List<String> keys = checkpointKeys();
            TrackableObjectGraph.Builder trackable = TrackableObjectGraph.newBuilder();
            int key = 0;
            for (SavedObject node : graph.getNodesList()) {
                TrackableObject.Builder object = TrackableObject.newBuilder();
                node.getChildrenList().forEach(c -> object.addChildren(ObjectReference.newBuilder()
                        .setLocalName(c.getLocalName()).setNodeId(c.getNodeId())));
                if (node.hasVariable()) {
                    object.addAttributes(SerializedTensor.newBuilder().setName("VARIABLE_VALUE")
                            .setFullName(node.getVariable().getName()).setCheckpointKey(keys.get(key++)));
                }
                trackable.addNodes(object);
            }
            return trackable.build();
        }

        /** keras_metadata.pb: SavedMetadata { repeated SavedObject nodes = 1 } with node_id 2, node_path 3, identifier 4, metadata 5. */
        byte[] kerasMetadata() throws IOException {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            var out = com.google.protobuf.CodedOutputStream.newInstance(bytes);
            List<int[]> ids = layout();
            writeNode(out, 0, "root", "_tf_keras_sequential", modelJson().toString());
            for (int l = 0; l < layerInfo.size(); l++) {
                writeNode(out, ids.get(l)[0], "root.layer-" + l, "_tf_keras_layer", layerJson.get(l).toString());
            }
            out.flush();
            return bytes.toByteArray();
        }

        private static void writeNode(com.google.protobuf.CodedOutputStream out, int id, String path, String identifier,
                                      String metadata) throws IOException {
            java.io.ByteArrayOutputStream node = new java.io.ByteArrayOutputStream();
            var inner = com.google.protobuf.CodedOutputStream.newInstance(node);
            if (id != 0) {
                inner.writeInt32(2, id);
            }
            inner.writeString(3, path);
            inner.writeString(4, identifier);
            inner.writeString(5, metadata);
            inner.flush();
            out.writeByteArray(1, node.toByteArray());
        }

        private JsonObject modelJson() {
            JsonObject config = new JsonObject();
            config.addProperty("name", "sequential");
            JsonArray layers = new JsonArray();
            for (JsonObject layer : layerJson) {
                JsonObject entry = new JsonObject();
                entry.add("class_name", layer.get("class_name"));
                entry.add("config", layer.get("config"));
                layers.add(entry);
            }
            config.add("layers", layers);
            JsonObject json = new JsonObject();
            json.addProperty("name", "sequential");
            json.addProperty("class_name", "Sequential");
            json.add("config", config);
            return json;
        }

        private static SavedUserObject user(String identifier, String metadata) {
            @SuppressWarnings("deprecation")
            SavedUserObject object = SavedUserObject.newBuilder().setIdentifier(identifier)
                    .setVersion(VersionDef.newBuilder().setProducer(1).setMinConsumer(1)).setMetadata(metadata).build();
            return object;
        }

        private static org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph.TrackableObject
                .ObjectReference child(String name, int id) {
            return ObjectReference.newBuilder().setLocalName(name).setNodeId(id).build();
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** Exports the session's graph with one serving signature, then writes probe inputs and TensorFlow's outputs. */
    private static void export(Path dir, Session session, Placeholder<TFloat32> input, Operand<TFloat32> output,
                               long[] inputShape, float range) throws IOException {
        deleteRecursively(dir);
        session.initialize();
        SavedModelBundle.exporter(dir.toString()).withSession(session).withSignature(Signature.builder()
                .key("serving_default").input("input", input).output("output", output).build()).export();
        long[] shape = new long[inputShape.length + 1];
        shape[0] = PROBES;
        System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
        Random random = new Random(99);
        float[] values = new float[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat() * range;
        }
        try (TFloat32 in = TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
             Result result = session.runner().feed(input, in).fetch(output).run()) {
            TFloat32 out = (TFloat32) result.get(0);
            float[] outputs = new float[(int) out.shape().size()];
            out.copyTo(DataBuffers.of(outputs, false, false));
            Path parent = dir.getParent();
            String name = dir.getFileName().toString();
            writeNpy(parent.resolve(name + ".inputs.npy"), shape, values);
            writeNpy(parent.resolve(name + ".outputs.npy"), out.shape().asArray(), outputs);
        }
    }

    private static Variable<TFloat32> variable(Ops scope, String name, Random random, float std, long... shape) {
        float[] values = new float[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return scope.withName(name).variable(scope.constant(Shape.of(shape), DataBuffers.of(values, true, false)));
    }

    /** Values in 0.5..1.5: a batch norm's scale and variance. */
    private static Variable<TFloat32> positive(Ops scope, String name, Random random, long size) {
        float[] values = new float[(int) size];
        for (int i = 0; i < values.length; i++) {
            values[i] = 0.5f + random.nextFloat();
        }
        return scope.withName(name).variable(scope.constant(Shape.of(size), DataBuffers.of(values, true, false)));
    }

    /** MaxPool with its window as attributes, as TF1 and Keras graphs have it (TF Java's maxPool makes MaxPoolV2). */
    @SuppressWarnings("unchecked")
    private static Operand<TFloat32> maxPool(Graph g, Ops tf, Operand<TFloat32> x, int size, int stride,
                                             String padding) {
        return (Operand<TFloat32>) (Operand<?>) g.opBuilder("MaxPool", "max_pool_" + POOLS.incrementAndGet(),
                        tf.scope()).addInput(x.asOutput()).setAttr("ksize", new long[] {1, size, size, 1})
                .setAttr("strides", new long[] {1, stride, stride, 1}).setAttr("padding", padding)
                .setAttr("T", org.tensorflow.proto.DataType.DT_FLOAT).build().output(0);
    }

    private static JsonObject conv2dConfig(int filters, int kernel, int stride, String padding, String activation) {
        JsonObject config = config("filters", filters, "padding", padding);
        config.add("kernel_size", array(kernel, kernel));
        config.add("strides", array(stride, stride));
        config.add("dilation_rate", array(1, 1));
        config.addProperty("data_format", "channels_last");
        config.addProperty("activation", activation);
        config.addProperty("use_bias", true);
        config.addProperty("groups", 1);
        return config;
    }

    private static JsonObject denseConfig(int units, String activation) {
        JsonObject config = config("units", units, "activation", activation);
        config.addProperty("use_bias", true);
        return config;
    }

    private static JsonObject config(Object... pairs) {
        JsonObject config = new JsonObject();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            if (value instanceof Number number) {
                config.addProperty((String) pairs[i], number);
            } else {
                config.addProperty((String) pairs[i], (String) value);
            }
        }
        return config;
    }

    private static JsonArray array(long... values) {
        JsonArray array = new JsonArray();
        Arrays.stream(values).forEach(array::add);
        return array;
    }

    /** A little-endian float32 .npy file (version 1.0, C order). */
    static void writeNpy(Path file, long[] shape, float[] values) throws IOException {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String text = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + (shape.length == 1 ? dims
                : dims.substring(0, dims.length() - 2)) + "), }";
        int total = 10 + text.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String header = text + " ".repeat(padded - total) + "\n";
        ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            data.putFloat(v);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            out.write(new byte[] {(byte) (header.length() & 0xFF), (byte) (header.length() >> 8)});
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            out.write(data.array());
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
