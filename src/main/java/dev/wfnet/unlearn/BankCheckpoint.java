package dev.wfnet.unlearn;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import ai.djl.ndarray.NDManager;
import dev.wfnet.WfnetException;
import dev.wfnet.io.HostTensor;
import dev.wfnet.io.Json;
import dev.wfnet.io.Provenance;
import dev.wfnet.io.SafeTensors;
import dev.wfnet.model.Architecture;
import dev.wfnet.model.LoadedModel;
import dev.wfnet.model.ModelCheckpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bank as a {@code .safetensors} file: tensors {@code alpha.<parameter>} ({@code rows x ...});
 * for a run that can resume, also Adam's moments {@code adam_m.<parameter>} and
 * {@code adam_v.<parameter>}. The {@code wfnet} metadata names the SHA-256 of the model the bank
 * was trained on (it is refused for any other), its layout, settings, step and provenance.
 *
 * @param layout classes, granularity and filtered tensors
 * @param modelSha256 SHA-256 of the model file the bank belongs to
 * @param classNames the model's class names
 * @param config the untraining settings
 * @param step optimiser steps done
 * @param alphas the alphas by parameter name
 * @param firstMoments Adam's first moments by parameter name (empty in a final bank)
 * @param secondMoments Adam's second moments by parameter name (empty in a final bank)
 * @param provenance how the bank was made
 */
public record BankCheckpoint(BankLayout layout, String modelSha256, List<String> classNames, UntrainConfig config,
                             int step, Map<String, HostTensor> alphas, Map<String, HostTensor> firstMoments,
                             Map<String, HostTensor> secondMoments, Provenance provenance) {
    /** The "kind" in a bank file's metadata. */
    public static final String KIND = "wfnet-bank";
    static final int FORMAT_VERSION = 1;
    private static final String ALPHA = "alpha.";
    private static final String FIRST = "adam_m.";
    private static final String SECOND = "adam_v.";

    public BankCheckpoint {
        classNames = List.copyOf(classNames);
        alphas = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(alphas));
        firstMoments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(firstMoments));
        secondMoments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(secondMoments));
    }

    /** Whether the optimiser state is present, so the run can resume from here. */
    public boolean resumable() {
        return !firstMoments.isEmpty();
    }

    public boolean complete() {
        return step >= config.steps();
    }

    /** The same bank without optimiser state: what a finished round keeps. */
    public BankCheckpoint withoutOptimizerState() {
        return new BankCheckpoint(layout, modelSha256, classNames, config, step, alphas, Map.of(), Map.of(),
                provenance);
    }

    /** Refuses a model other than the one the bank was trained on. */
    public void checkModel(LoadedModel model, Path bankFile) throws WfnetException {
        checkModel(model.sha256(), bankFile);
    }

    /** Refuses a model file whose SHA-256 is not the one the bank was trained on. */
    public void checkModel(String sha256, Path bankFile) throws WfnetException {
        if (!sha256.equals(modelSha256)) {
            throw new WfnetException("bank " + bankFile + " was trained on the model with SHA-256 "
                    + modelSha256.substring(0, 12) + "..., not on this model (SHA-256 " + sha256.substring(0, 12)
                    + "...); untrain this model to get a bank for it");
        }
    }

    public void write(Path file) throws WfnetException {
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        alphas.forEach((name, tensor) -> tensors.put(ALPHA + name, tensor));
        firstMoments.forEach((name, tensor) -> tensors.put(FIRST + name, tensor));
        secondMoments.forEach((name, tensor) -> tensors.put(SECOND + name, tensor));
        SafeTensors.write(file, Map.of("wfnet", Json.GSON.toJson(metadata())), tensors);
    }

    private JsonObject metadata() {
        JsonObject json = new JsonObject();
        json.addProperty("kind", KIND);
        json.addProperty("format_version", FORMAT_VERSION);
        json.addProperty("model_sha256", modelSha256);
        json.addProperty("step", step);
        json.addProperty("granularity", layout.granularity().label());
        json.addProperty("model_class_count", layout.modelClassCount());
        JsonArray classes = new JsonArray();
        for (int c : layout.classes()) {
            classes.add(c);
        }
        json.add("classes", classes);
        JsonArray names = new JsonArray();
        classNames.forEach(names::add);
        json.add("class_names", names);
        JsonArray tensors = new JsonArray();
        for (FilteredTensor tensor : layout.tensors()) {
            JsonObject entry = new JsonObject();
            entry.addProperty("name", tensor.name());
            JsonArray shape = new JsonArray();
            for (long dim : tensor.parameterShape()) {
                shape.add(dim);
            }
            entry.add("parameter_shape", shape);
            tensors.add(entry);
        }
        json.add("filtered", tensors);
        json.add("config", Json.sortedObject(config.describe()));
        json.add("provenance", provenance.toJson());
        return json;
    }

    /** Reads and validates a bank file (not yet against a model: see {@link #checkModel}). */
    public static BankCheckpoint read(Path file) throws WfnetException {
        SafeTensors.Content content = SafeTensors.read(file);
        String metadata = content.metadata().get("wfnet");
        if (metadata == null) {
            throw new WfnetException(file + " is a safetensors file without WF-Net metadata: it is not a bank");
        }
        try {
            JsonObject json = JsonParser.parseString(metadata).getAsJsonObject();
            String kind = json.get("kind").getAsString();
            if (!KIND.equals(kind)) {
                throw new WfnetException(file + " is a '" + kind + "' file, not a WF-Net bank"
                        + (ModelCheckpoint.KIND.equals(kind) ? " (it is a model: pass it as MODEL)" : ""));
            }
            if (json.get("format_version").getAsInt() > FORMAT_VERSION) {
                throw new WfnetException(file + " was written by a newer workbench; update to read it");
            }
            List<FilteredTensor> filtered = new ArrayList<>();
            int[] classes = toInts(json.getAsJsonArray("classes"));
            Granularity granularity = Granularity.parse(json.get("granularity").getAsString());
            for (var element : json.getAsJsonArray("filtered")) {
                JsonObject entry = element.getAsJsonObject();
                JsonArray shapeJson = entry.getAsJsonArray("parameter_shape");
                long[] shape = new long[shapeJson.size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = shapeJson.get(i).getAsLong();
                }
                filtered.add(FilteredTensor.of(entry.get("name").getAsString(), shape, classes.length, granularity));
            }
            BankLayout layout = new BankLayout(classes, json.get("model_class_count").getAsInt(), granularity,
                    filtered);
            List<String> names = new ArrayList<>();
            json.getAsJsonArray("class_names").forEach(e -> names.add(e.getAsString()));
            UntrainConfig config = UntrainConfig.parse(Json.stringMap(json.getAsJsonObject("config")));
            Map<String, HostTensor> alphas = new LinkedHashMap<>();
            Map<String, HostTensor> first = new LinkedHashMap<>();
            Map<String, HostTensor> second = new LinkedHashMap<>();
            for (FilteredTensor tensor : filtered) {
                alphas.put(tensor.name(), requireTensor(file, content, ALPHA + tensor.name(), tensor.alphaShape()));
                if (content.tensors().containsKey(FIRST + tensor.name())) {
                    first.put(tensor.name(), requireTensor(file, content, FIRST + tensor.name(), tensor.alphaShape()));
                    second.put(tensor.name(), requireTensor(file, content, SECOND + tensor.name(),
                            secondMomentShape(config, tensor)));
                }
            }
            if (!first.isEmpty() && first.size() != filtered.size()) {
                throw new WfnetException(file + ": optimiser state covers only some tensors");
            }
            return new BankCheckpoint(layout, json.get("model_sha256").getAsString(), names,
                    config, json.get("step").getAsInt(),
                    alphas, first, second, Provenance.fromJson(json.getAsJsonObject("provenance")));
        } catch (RuntimeException e) {
            throw new WfnetException(file + ": malformed bank metadata (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads a bank file for a model: refused if it was trained on another model or does not fit
     * the architecture; the alphas go in {@code manager}.
     */
    public static AlphaBank openFor(LoadedModel model, Path file, NDManager manager) throws WfnetException {
        BankCheckpoint checkpoint = read(file);
        checkpoint.checkModel(model, file);
        checkpoint.checkArchitecture(model.architecture(), file);
        return AlphaBank.load(checkpoint.layout(), checkpoint.alphas(), manager, file.toString());
    }

    /** Checks that the bank's layout fits an architecture: same tensors, same shapes. */
    public void checkArchitecture(Architecture architecture, Path bankFile) throws WfnetException {
        BankLayout expected = BankLayout.of(architecture, layout.classes(), layout.granularity(), config.selection());
        if (!expected.equals(layout)) {
            throw new WfnetException("bank " + bankFile + " does not fit " + architecture.spec()
                    + ": its filtered tensors or shapes differ from the model's");
        }
    }

    /** Adam keeps a second moment per alpha; row Adam one per row ({@link AlphaAdam#rowMomentShape}). */
    private static long[] secondMomentShape(UntrainConfig config, FilteredTensor tensor) {
        return config.optimizer() == AlphaOptimizer.ROW_ADAM
                ? AlphaAdam.rowMomentShape(new ai.djl.ndarray.types.Shape(tensor.alphaShape())).getShape()
                : tensor.alphaShape();
    }

    private static HostTensor requireTensor(Path file, SafeTensors.Content content, String name, long[] shape)
            throws WfnetException {
        HostTensor tensor = content.tensors().get(name);
        if (tensor == null) {
            throw new WfnetException(file + ": missing tensor " + name);
        }
        if (!java.util.Arrays.equals(tensor.shape(), shape)) {
            throw new WfnetException(file + ": tensor " + name + " is " + tensor.shapeText() + ", expected "
                    + HostTensor.shapeText(shape));
        }
        return tensor;
    }

    private static int[] toInts(JsonArray array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).getAsInt();
        }
        return values;
    }
}
