package dev.wfnet.imports;

import dev.wfnet.WfnetException;
import dev.wfnet.imports.keras.KerasLayer;
import dev.wfnet.imports.keras.KerasModelSpec;
import dev.wfnet.io.HostTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A TensorFlow SavedModel (a directory with {@code saved_model.pb} and {@code variables/}), loaded
 * by TensorFlow Java ({@link TensorFlowSavedModel}, the only class that touches TensorFlow): its
 * layers read from its Keras metadata or object graph ({@link SavedModelLayout}) or, for a TF1-style
 * graph, from the graph's ops ({@link GraphLayers}); its weights read by name; the chain handed to
 * the Keras mapper, as a Keras file's would be. The loaded model stays open as the content's
 * {@link SourceModel}: its serving signature gives the reference outputs the import is checked
 * against.
 */
final class SavedModelReader implements SourceReader {
    static final String ID = "tf-savedmodel";
    static final String GRAPH_FILE = "saved_model.pb";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "TensorFlow SavedModel (a directory with saved_model.pb and variables/)";
    }

    @Override
    public boolean accepts(FileProbe probe) {
        return probe.directory() ? Files.isRegularFile(probe.file().resolve(GRAPH_FILE))
                : probe.lowerCaseName().equals(GRAPH_FILE);
    }

    /** The SavedModel's directory: the path given, or the folder of a {@code saved_model.pb} given. */
    static Path directory(Path path) {
        Path absolute = path.toAbsolutePath();
        return Files.isDirectory(absolute) ? absolute : absolute.getParent();
    }

    @Override
    public SourceContent read(Path path) throws WfnetException {
        Path directory = directory(path);
        String source = directory.toString();
        TensorFlowSavedModel model = TensorFlowSavedModel.open(directory);
        try {
            SavedModelGraph graph = model.graph();
            SavedModelLayout.Layout layout = graph.objects().isEmpty() ? GraphLayers.fromGraph(graph, source)
                    : SavedModelLayout.fromObjectGraph(graph, KerasMetadataFile.read(directory), source);
            List<String> keys = layout.layers().stream().flatMap(l -> l.weights().stream())
                    .map(SavedModelLayout.Weight::key).toList();
            Map<String, HostTensor> values = layout.fromCheckpoint() ? model.restore(keys) : model.variables(keys);
            List<KerasLayer> layers = new ArrayList<>();
            for (SavedModelLayout.Layer layer : layout.layers()) {
                List<KerasLayer.Weight> weights = new ArrayList<>();
                for (SavedModelLayout.Weight weight : layer.weights()) {
                    HostTensor value = values.get(weight.key());
                    if (!Arrays.equals(value.shape(), weight.shape())) {
                        throw new WfnetException(source + ": the variable " + weight.name() + " holds "
                                + value.shapeText() + " values, but the model declares it "
                                + HostTensor.shapeText(weight.shape()) + "; variables/ belongs to another model");
                    }
                    weights.add(new KerasLayer.Weight(weight.shortName(), value));
                }
                layers.add(new KerasLayer(layer.className(), layer.name(), layer.config(), weights));
            }
            KerasModelSpec spec = new KerasModelSpec(KerasModelSpec.shape(layout.inputShape()), layers);
            List<String> notes = new ArrayList<>(layout.notes());
            notes.add("serving signature '" + graph.signature().key() + "': input '" + graph.signature().inputKey()
                    + "' " + Arrays.toString(graph.signature().inputShape()) + ", output '"
                    + graph.signature().outputKey() + "'");
            return KerasSources.content(ID, spec, source, notes, model);
        } catch (WfnetException | RuntimeException e) {
            model.close();
            throw e;
        }
    }
}
