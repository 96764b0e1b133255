package dev.wfnet.imports;

import dev.wfnet.WfnetException;
import dev.wfnet.io.HostTensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.Restore;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObject;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObjectGraph;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * The one class that uses TensorFlow (TensorFlow Java): it loads a SavedModel with
 * {@code SavedModelBundle.load(dir, "serve")}, describes it as plain data ({@link SavedModelGraph}),
 * reads variable values and runs the serving signature. Nothing else in the workbench names a
 * TensorFlow class, so TensorFlow's native library (about 650 MB once unpacked) is loaded only when
 * a SavedModel is imported; {@code ArchitectureRulesTest} holds that line.
 */
final class TensorFlowSavedModel implements AutoCloseable, SourceModel {
    static final String SERVE = "serve";
    private static final String OBJECT_GRAPH_KEY = "_CHECKPOINTABLE_OBJECT_GRAPH";
    private static final String SERVING_DEFAULT = "serving_default";
    private static final int MAX_CONST_VALUES = 16;
    private static final long MAX_GRAPH_BYTES = 512L << 20;
    private static final String LOG_LEVEL = "TF_CPP_MIN_LOG_LEVEL";
    /**
     * Ops that read or write files, run Python, or talk to other processes: not in an image
     * classifier. (The saver's own SaveV2 / RestoreV2 are allowed: every SavedModel has them.) This
     * is a check, not a sandbox: loading a SavedModel runs its graph, so import the ones you trust.
     */
    private static final java.util.Set<String> OUTSIDE_OPS = java.util.Set.of("ReadFile", "WriteFile",
            "MatchingFiles", "PyFunc", "PyFuncStateless", "EagerPyFunc", "WholeFileReader", "WholeFileReaderV2",
            "TFRecordReader", "TFRecordReaderV2", "FixedLengthRecordReader", "FixedLengthRecordReaderV2",
            "TextLineReader", "TextLineReaderV2", "IdentityReader", "IdentityReaderV2", "LMDBReader",
            "TFRecordDataset", "TFRecordDatasetV2", "FixedLengthRecordDataset", "TextLineDataset", "DebugIdentity",
            "DebugIdentityV2", "DebugIdentityV3", "WriteSummary", "WriteAudioSummary",
            "WriteGraphSummary", "WriteHistogramSummary", "WriteImageSummary", "WriteRawProtoSummary",
            "WriteScalarSummary", "CreateSummaryFileWriter", "CreateSummaryDbWriter", "_Send", "_Recv",
            "_HostSend", "_HostRecv", "CollectiveReduce", "CollectiveBcastSend", "CollectiveBcastRecv");
    private static boolean logsQuieted;

    private final SavedModelBundle bundle;
    private final Path directory;
    private final SavedModelGraph graph;

    private TensorFlowSavedModel(SavedModelBundle bundle, Path directory) throws WfnetException {
        this.bundle = bundle;
        this.directory = directory;
        MetaGraphDef meta = bundle.metaGraphDef();
        SavedModelGraph.Signature signature = signature(meta, directory);
        List<SavedModelGraph.ObjectNode> objects = objects(meta.getObjectGraphDef());
        Map<Integer, String> keys = objects.isEmpty() ? Map.of() : checkpointKeys();
        List<SavedModelGraph.GraphNode> nodes = meta.getGraphDef().getNodeList().stream()
                .map(TensorFlowSavedModel::node).toList();
        this.graph = new SavedModelGraph(signature, objects, keys, nodes);
    }

    /** Loads the SavedModel in a directory (its variables restored), or says why it cannot. */
    static TensorFlowSavedModel open(Path directory) throws WfnetException {
        checkGraph(directory);
        checkVariables(directory);
        quietInfoLogs();
        SavedModelBundle bundle;
        try {
            bundle = SavedModelBundle.load(directory.toString(), SERVE);
        } catch (RuntimeException e) {
            throw new WfnetException(directory + " cannot be loaded as a TensorFlow SavedModel with the tag 'serve' ("
                    + firstLine(e) + ")", e);
        } catch (LinkageError e) {
            throw new WfnetException("TensorFlow's native library cannot be loaded (" + firstLine(e) + "); the"
                    + " SavedModel import needs tensorflow-core-native for linux-x86_64", e);
        }
        try {
            return new TensorFlowSavedModel(bundle, directory);
        } catch (WfnetException | RuntimeException e) {
            bundle.close();
            if (e instanceof WfnetException domain) {
                throw domain;
            }
            throw new WfnetException(directory + ": the SavedModel cannot be read (" + firstLine(e) + ")", e);
        }
    }

    /**
     * Reads {@code saved_model.pb} before TensorFlow does: a damaged file is refused here, and so is
     * a graph with an op that reaches outside the model (files, Python, the network), since loading
     * runs the graph's initialisation and the verification runs its signature.
     */
    static void checkGraph(Path directory) throws WfnetException {
        Path file = directory.resolve(SavedModelReader.GRAPH_FILE);
        org.tensorflow.proto.SavedModel saved;
        try {
            if (java.nio.file.Files.size(file) > MAX_GRAPH_BYTES) {
                throw new WfnetException(file + " is larger than " + (MAX_GRAPH_BYTES >> 20) + " MB; an image"
                        + " classifier's graph is far smaller");
            }
            saved = org.tensorflow.proto.SavedModel.parseFrom(java.nio.file.Files.readAllBytes(file));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new WfnetException(file + " is damaged or not a SavedModel graph (" + firstLine(e) + ")", e);
        } catch (java.io.IOException e) {
            throw new WfnetException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (saved.getMetaGraphsList().stream().noneMatch(m -> m.getMetaInfoDef().getTagsList().contains(SERVE))) {
            throw new WfnetException(file + " has no graph tagged '" + SERVE + "' (tags: " + saved.getMetaGraphsList()
                    .stream().map(m -> String.join("+", m.getMetaInfoDef().getTagsList())).toList() + ")");
        }
        for (MetaGraphDef meta : saved.getMetaGraphsList()) {
            List<NodeDef> nodes = new ArrayList<>(meta.getGraphDef().getNodeList());
            meta.getGraphDef().getLibrary().getFunctionList().forEach(f -> nodes.addAll(f.getNodeDefList()));
            for (NodeDef node : nodes) {
                if (OUTSIDE_OPS.contains(node.getOp())) {
                    throw new WfnetException(directory + ": the SavedModel's graph has a " + node.getOp() + " op ("
                            + node.getName() + "), which reaches outside the model (files, Python or the network);"
                            + " it is not loaded, since loading and verifying it runs its graph");
                }
            }
        }
    }

    private static void checkVariables(Path directory) throws WfnetException {
        String whole = "; copy the whole SavedModel directory (saved_model.pb, variables/variables.index,"
                + " variables/variables.data-*)";
        if (!java.nio.file.Files.isDirectory(directory.resolve("variables"))) {
            throw new WfnetException(directory + " has no variables/ folder beside saved_model.pb" + whole);
        }
        // without the index TensorFlow's loader skips the variables silently, leaving them unset
        if (!java.nio.file.Files.isRegularFile(directory.resolve("variables").resolve("variables.index"))) {
            throw new WfnetException(directory + " has no variables/variables.index" + whole);
        }
    }

    /**
     * TensorFlow's C++ information and warning lines (its CPU features, each load's timing) go
     * straight to standard error; they are held back, as libtorch's are, unless
     * {@code -Dwfnet.tensorflow.logs=true} or the environment's {@code TF_CPP_MIN_LOG_LEVEL} says otherwise.
     * Two lines that the Abseil inside libtensorflow_cc prints on the first load (its
     * "before absl::InitializeLog()" notice and MLIR's pass notice) follow no setting reachable
     * from here: neither that variable nor the exported {@code absl::SetMinLogLevel} holds them.
     */
    private static synchronized void quietInfoLogs() {
        if (logsQuieted || Boolean.getBoolean("wfnet.tensorflow.logs") || System.getenv(LOG_LEVEL) != null) {
            return;
        }
        logsQuieted = true;
        try {
            com.sun.jna.NativeLibrary.getInstance("c").getFunction("setenv").invokeInt(new Object[] {LOG_LEVEL, "2", 0});
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(TensorFlowSavedModel.class).debug("cannot quiet TensorFlow's logs", e);
        }
    }

    SavedModelGraph graph() {
        return graph;
    }

    @Override
    public long[] inputShape() {
        return graph.signature().inputShape();
    }

    @Override
    public String description() {
        return "the SavedModel's serving signature '" + graph.signature().key() + "' (run by TensorFlow Java on"
                + " probe inputs)";
    }

    /** Float variables read from {@code variables/variables} by checkpoint key (RestoreV2). */
    Map<String, HostTensor> restore(List<String> keys) throws WfnetException {
        if (keys.isEmpty()) {
            return Map.of();
        }
        try {
            Ops tf = Ops.create(bundle.graph());
            List<Class<? extends TType>> types = Collections.nCopies(keys.size(), TFloat32.class);
            Restore restore = tf.train.restore(tf.constant(prefix()), tf.constant(NdArrays.vectorOfObjects(
                    keys.toArray(String[]::new))), tf.constant(NdArrays.vectorOfObjects(Collections.nCopies(
                    keys.size(), "").toArray(String[]::new))), types);
            Session.Runner runner = bundle.session().runner();
            restore.tensors().forEach(runner::fetch);
            try (Result result = runner.run()) {
                Map<String, HostTensor> values = new LinkedHashMap<>();
                for (int i = 0; i < keys.size(); i++) {
                    values.put(keys.get(i), host((TFloat32) result.get(i)));
                }
                return values;
            }
        } catch (RuntimeException e) {
            throw new WfnetException(directory + ": the variables " + keys.stream().limit(4)
                    .collect(Collectors.joining(", ")) + (keys.size() > 4 ? ", ..." : "") + " cannot be read from"
                    + " variables/variables (" + firstLine(e) + ")", e);
        }
    }

    /** The values of a TF1-style graph's variable ops, as the loaded session holds them. */
    Map<String, HostTensor> variables(List<String> names) throws WfnetException {
        Map<String, HostTensor> values = new LinkedHashMap<>();
        Ops tf = Ops.create(bundle.graph());
        for (String name : names) {
            try {
                var operation = bundle.graph().operationOrThrow(name);
                Operand<?> value = operation.type().equals("VarHandleOp")
                        ? tf.readVariableOp(operation.output(0), TFloat32.class) : operation.output(0);
                try (Result result = bundle.session().runner().fetch(value).run()) {
                    if (!(result.get(0) instanceof TFloat32 tensor)) {
                        throw new WfnetException(directory + ": the variable " + name + " does not hold 32-bit floats");
                    }
                    values.put(name, host(tensor));
                }
            } catch (RuntimeException e) {
                throw new WfnetException(directory + ": the variable " + name + " cannot be read (" + firstLine(e)
                        + ")", e);
            }
        }
        return values;
    }

    /**
     * Runs the serving signature.
     *
     * @param inputs values in the signature's own layout, the batch first
     * @return its output
     */
    @Override
    public HostTensor run(HostTensor inputs) throws WfnetException {
        SavedModelGraph.Signature signature = graph.signature();
        try (TFloat32 input = TFloat32.tensorOf(Shape.of(inputs.shape()), DataBuffers.of(inputs.data(), true, false));
             Result result = bundle.session().runner().feed(signature.inputTensor(), input)
                     .fetch(signature.outputTensor()).run()) {
            if (!(result.get(0) instanceof TFloat32 output)) {
                throw new WfnetException(directory + ": the signature's output " + signature.outputKey()
                        + " is not a float tensor");
            }
            return host(output);
        } catch (RuntimeException e) {
            throw new WfnetException(directory + ": the serving signature '" + signature.key() + "' cannot be run on "
                    + HostTensor.shapeText(inputs.shape()) + " inputs (" + firstLine(e) + ")", e);
        }
    }

    @Override
    public void close() {
        bundle.close();
    }

    private String prefix() {
        return directory.resolve("variables").resolve("variables").toString();
    }

    /** Node id -> checkpoint key, from the object graph the checkpoint stores beside the values. */
    private Map<Integer, String> checkpointKeys() throws WfnetException {
        TrackableObjectGraph trackable;
        try {
            Ops tf = Ops.create(bundle.graph());
            Restore restore = tf.train.restore(tf.constant(prefix()), tf.constant(NdArrays.vectorOfObjects(
                    OBJECT_GRAPH_KEY)), tf.constant(NdArrays.vectorOfObjects("")), List.of(TString.class));
            try (Result result = bundle.session().runner().fetch(restore.tensors().get(0)).run()) {
                trackable = TrackableObjectGraph.parseFrom(((TString) result.get(0)).asBytes().getObject());
            }
        } catch (RuntimeException | com.google.protobuf.InvalidProtocolBufferException e) {
            throw new WfnetException(directory + ": variables/variables holds no readable object graph ("
                    + firstLine(e) + "); the SavedModel's variables cannot be matched to its layers", e);
        }
        Map<Integer, String> keys = new HashMap<>();
        for (int id = 0; id < trackable.getNodesCount(); id++) {
            for (var attribute : trackable.getNodes(id).getAttributesList()) {
                if (attribute.getName().equals("VARIABLE_VALUE")) {
                    keys.put(id, attribute.getCheckpointKey());
                }
            }
        }
        return keys;
    }

    private static SavedModelGraph.Signature signature(MetaGraphDef meta, Path directory) throws WfnetException {
        Map<String, SignatureDef> signatures = new LinkedHashMap<>(meta.getSignatureDefMap());
        signatures.keySet().removeIf(key -> key.startsWith("__"));
        SignatureDef chosen = signatures.get(SERVING_DEFAULT);
        String key = SERVING_DEFAULT;
        if (chosen == null && signatures.size() == 1) {
            key = signatures.keySet().iterator().next();
            chosen = signatures.get(key);
        }
        if (chosen == null) {
            throw new WfnetException(directory + " has no serving signature '" + SERVING_DEFAULT + "'"
                    + (signatures.isEmpty() ? "" : " (it has " + String.join(", ", signatures.keySet()) + ")")
                    + "; export the model with one (model.save or tf.saved_model.save)");
        }
        if (chosen.getInputsCount() != 1 || chosen.getOutputsCount() != 1) {
            throw new WfnetException(directory + ": the signature '" + key + "' has inputs "
                    + chosen.getInputsMap().keySet() + " and outputs " + chosen.getOutputsMap().keySet()
                    + "; an image classifier has one of each");
        }
        var input = chosen.getInputsMap().entrySet().iterator().next();
        var output = chosen.getOutputsMap().entrySet().iterator().next();
        for (TensorInfo info : List.of(input.getValue(), output.getValue())) {
            if (info.getDtype() != DataType.DT_FLOAT) {
                throw new WfnetException(directory + ": the signature '" + key + "' takes or gives " + info.getDtype()
                        + " tensors; the import reads float32 classifiers");
            }
        }
        return new SavedModelGraph.Signature(key, input.getKey(), input.getValue().getName(),
                dims(input.getValue().getTensorShape()), output.getKey(), output.getValue().getName(),
                dims(output.getValue().getTensorShape()));
    }

    private static List<SavedModelGraph.ObjectNode> objects(SavedObjectGraph objectGraph) {
        List<SavedModelGraph.ObjectNode> nodes = new ArrayList<>();
        for (SavedObject object : objectGraph.getNodesList()) {
            Map<String, Integer> children = new LinkedHashMap<>();
            object.getChildrenList().forEach(child -> children.putIfAbsent(child.getLocalName(), child.getNodeId()));
            String kind = object.getKindCase().name().toLowerCase(java.util.Locale.ROOT);
            if (object.hasVariable()) {
                var variable = object.getVariable();
                nodes.add(new SavedModelGraph.ObjectNode(kind, "", "", children, variable.getName(),
                        variable.getDtype() == DataType.DT_FLOAT, dims(variable.getShape())));
            } else if (object.hasUserObject()) {
                @SuppressWarnings("deprecation")
                String metadata = object.getUserObject().getMetadata();
                nodes.add(new SavedModelGraph.ObjectNode(kind, object.getUserObject().getIdentifier(), metadata,
                        children, "", false, new long[0]));
            } else {
                nodes.add(new SavedModelGraph.ObjectNode(kind, "", "", children, "", false, new long[0]));
            }
        }
        return nodes;
    }

    private static SavedModelGraph.GraphNode node(NodeDef node) {
        Map<String, long[]> ints = new HashMap<>();
        Map<String, String> strings = new HashMap<>();
        Map<String, Float> floats = new HashMap<>();
        long[] shape = new long[0];
        for (Map.Entry<String, AttrValue> attribute : node.getAttrMap().entrySet()) {
            AttrValue value = attribute.getValue();
            switch (value.getValueCase()) {
                case LIST -> {
                    if (value.getList().getICount() > 0) {
                        ints.put(attribute.getKey(), value.getList().getIList().stream().mapToLong(Long::longValue)
                                .toArray());
                    }
                }
                case S -> strings.put(attribute.getKey(), value.getS().toStringUtf8());
                case F -> floats.put(attribute.getKey(), value.getF());
                case I -> ints.put(attribute.getKey(), new long[] {value.getI()});
                case B -> ints.put(attribute.getKey(), new long[] {value.getB() ? 1 : 0});
                case SHAPE -> shape = dims(value.getShape());
                case TENSOR -> {
                    long[] values = integers(value.getTensor());
                    if (values != null) {
                        ints.put("value", values);
                    }
                }
                default -> {
                    // types, functions: not needed to read the layers
                }
            }
        }
        return new SavedModelGraph.GraphNode(node.getName(), node.getOp(), node.getInputList(), ints, strings, floats,
                shape);
    }

    /** A small integer constant's values (a Reshape's target shape), else null. */
    private static long[] integers(TensorProto tensor) {
        boolean int32 = tensor.getDtype() == DataType.DT_INT32;
        if (!int32 && tensor.getDtype() != DataType.DT_INT64) {
            return null;
        }
        long[] listed = int32 ? tensor.getIntValList().stream().mapToLong(Integer::longValue).toArray()
                : tensor.getInt64ValList().stream().mapToLong(Long::longValue).toArray();
        if (listed.length > 0) {
            return listed.length <= MAX_CONST_VALUES ? fill(listed, tensor.getTensorShape()) : null;
        }
        var bytes = tensor.getTensorContent().asReadOnlyByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int width = int32 ? 4 : 8;
        if (bytes.remaining() / width > MAX_CONST_VALUES) {
            return null;
        }
        long[] values = new long[bytes.remaining() / width];
        for (int i = 0; i < values.length; i++) {
            values[i] = int32 ? bytes.getInt() : bytes.getLong();
        }
        return values;
    }

    /** A constant written as one repeated value ({@code int_val: 5} for a shape-[3] tensor of fives). */
    private static long[] fill(long[] values, TensorShapeProto shape) {
        long[] dims = dims(shape);
        if (values.length != 1 || dims.length != 1 || dims[0] <= 1 || dims[0] > MAX_CONST_VALUES) {
            return values;
        }
        long[] filled = new long[(int) dims[0]];
        java.util.Arrays.fill(filled, values[0]);
        return filled;
    }

    private static long[] dims(TensorShapeProto shape) {
        if (shape.getUnknownRank()) {
            return new long[0];
        }
        return shape.getDimList().stream().mapToLong(TensorShapeProto.Dim::getSize).toArray();
    }

    private static HostTensor host(TFloat32 tensor) {
        long[] shape = tensor.shape().asArray();
        float[] data = new float[Math.toIntExact(tensor.shape().size())];
        tensor.copyTo(DataBuffers.of(data, false, false));
        return new HostTensor(shape, data);
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
