package dev.wfnet.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageShape;
import dev.wfnet.data.Normalization;
import dev.wfnet.io.HostTensor;
import dev.wfnet.io.Json;
import dev.wfnet.io.Provenance;
import dev.wfnet.io.SafeTensors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A trained model as a {@code .safetensors} file: every parameter as F32, and under the
 * {@code wfnet} metadata key a JSON object with the architecture and its arguments, the class
 * names, the input shape and normalisation, and the provenance of the run that made it.
 */
public record ModelCheckpoint(ArchitectureSpec architecture, ImageShape inputShape, Normalization normalization,
                              List<String> classNames, Map<String, HostTensor> tensors, Provenance provenance) {
    static final String METADATA_KEY = "wfnet";
    /** The "kind" in a model file's metadata. */
    public static final String KIND = "wfnet-model";
    static final int FORMAT_VERSION = 1;

    public ModelCheckpoint {
        classNames = List.copyOf(classNames);
        tensors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        if (normalization.channels() != inputShape.channels()) {
            throw new IllegalArgumentException("normalisation has " + normalization.channels()
                    + " channels, inputs have " + inputShape.channels());
        }
    }

    /** A checkpoint of trained weights, which must fit the architecture. */
    public static ModelCheckpoint of(Architecture architecture, Normalization normalization, List<String> classNames,
                                     NetworkWeights weights, Provenance provenance) {
        return new ModelCheckpoint(architecture.spec(), architecture.inputShape(), normalization, classNames,
                weights.toHost(), provenance);
    }

    /** Builds the architecture this checkpoint was trained with. */
    public Architecture buildArchitecture() throws WfnetException {
        return ArchitectureCatalog.create(architecture, inputShape, classNames.size());
    }

    public int classCount() {
        return classNames.size();
    }

    public void write(Path file) throws WfnetException {
        SafeTensors.write(file, Map.of(METADATA_KEY, Json.GSON.toJson(metadataJson())), tensors);
    }

    JsonObject metadataJson() {
        JsonObject json = new JsonObject();
        json.addProperty("kind", KIND);
        json.addProperty("format_version", FORMAT_VERSION);
        JsonObject arch = new JsonObject();
        arch.addProperty("id", architecture.id());
        arch.add("arguments", Json.sortedObject(architecture.arguments()));
        json.add("architecture", arch);
        JsonObject input = new JsonObject();
        input.addProperty("channels", inputShape.channels());
        input.addProperty("height", inputShape.height());
        input.addProperty("width", inputShape.width());
        input.add("mean", doubles(normalization.mean()));
        input.add("std", doubles(normalization.std()));
        json.add("input", input);
        JsonArray names = new JsonArray();
        classNames.forEach(names::add);
        json.add("class_names", names);
        json.add("provenance", provenance.toJson());
        return json;
    }

    /**
     * Reads and validates a checkpoint: its metadata, its architecture, and every tensor's name
     * and shape against that architecture. Nothing is put in native memory.
     */
    public static ModelCheckpoint read(Path file) throws WfnetException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".pth") || name.endsWith(".pkl") || name.endsWith(".pickle")) {
            throw new WfnetException(file + " is a pickle file, which can run arbitrary code when loaded, and is not "
                    + "opened directly; bring PyTorch weights in with 'wfnet import " + file + " -o MODEL.safetensors'"
                    + " (it reads the tensors without running the pickle), or save them as .safetensors"
                    + " (safetensors.torch.save_file) and import that");
        }
        SafeTensors.Content content = SafeTensors.read(file);
        String metadata = content.metadata().get(METADATA_KEY);
        if (metadata == null) {
            throw new WfnetException(file + " is a safetensors file without WF-Net metadata: it is not a workbench "
                    + "model checkpoint (bring weights from PyTorch in with 'wfnet import " + file + " -o MODEL.safetensors')");
        }
        ModelCheckpoint checkpoint;
        try {
            checkpoint = fromJson(JsonParser.parseString(metadata).getAsJsonObject(), content.tensors());
        } catch (RuntimeException e) {
            throw new WfnetException(file + ": malformed WF-Net metadata (" + e.getMessage() + ")", e);
        }
        checkpoint.validateTensors(file.toString());
        return checkpoint;
    }

    private static ModelCheckpoint fromJson(JsonObject json, Map<String, HostTensor> tensors) throws WfnetException {
        String kind = json.get("kind").getAsString();
        if (!KIND.equals(kind)) {
            throw new WfnetException("metadata kind is '" + kind + "', expected '" + KIND + "'");
        }
        int version = json.get("format_version").getAsInt();
        if (version > FORMAT_VERSION) {
            throw new WfnetException("format version " + version + " is newer than this workbench reads ("
                    + FORMAT_VERSION + "); update the workbench");
        }
        JsonObject arch = json.getAsJsonObject("architecture");
        ArchitectureSpec spec = new ArchitectureSpec(arch.get("id").getAsString(),
                new TreeMap<>(Json.stringMap(arch.getAsJsonObject("arguments"))));
        JsonObject input = json.getAsJsonObject("input");
        ImageShape shape = new ImageShape(input.get("channels").getAsInt(), input.get("height").getAsInt(),
                input.get("width").getAsInt());
        Normalization normalization = new Normalization(toDoubles(input.getAsJsonArray("mean")),
                toDoubles(input.getAsJsonArray("std")));
        List<String> names = new ArrayList<>();
        json.getAsJsonArray("class_names").forEach(e -> names.add(e.getAsString()));
        Provenance provenance = Provenance.fromJson(json.getAsJsonObject("provenance"));
        return new ModelCheckpoint(spec, shape, normalization, names, tensors, provenance);
    }

    private void validateTensors(String source) throws WfnetException {
        NetworkWeights.checkFits(buildArchitecture(), tensors, source);
    }

    private static JsonArray doubles(double[] values) {
        JsonArray array = new JsonArray();
        for (double value : values) {
            array.add(value);
        }
        return array;
    }

    private static double[] toDoubles(JsonArray array) {
        double[] values = new double[array.size()];
        int i = 0;
        for (JsonElement element : array) {
            values[i++] = element.getAsDouble();
        }
        return values;
    }
}
