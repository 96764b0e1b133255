package dev.wfnet.imports.keras;

import com.google.gson.JsonObject;
import dev.wfnet.WfnetException;
import io.jhdf.api.Dataset;
import io.jhdf.exceptions.HdfInvalidPathException;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two Keras file layouts as {@link KerasModelSpec}s (docs/formats.md, "Keras"):
 * <ul>
 * <li>the legacy HDF5 file of {@code model.save('m.h5')}: the config in the root's
 *     {@code model_config} attribute, the weights under {@code /model_weights/<layer>} listed by the
 *     {@code layer_names} and per-layer {@code weight_names} attributes (split into
 *     {@code layer_names0..N} for long lists), each weight name a path inside the layer's group
 *     ({@code conv2d/kernel:0} by tf.keras 2.x, {@code conv2d_1/kernel:0} by Keras 2.1,
 *     {@code sequential/conv2d/kernel} by Keras 3);</li>
 * <li>the Keras 3 {@code .keras} zip: {@code config.json} and {@code model.weights.h5}, whose
 *     weights sit at {@code layers/<layer>/vars/0, 1, ...} in Keras's order, the layer's group
 *     named after its class in snake case and numbered by occurrence ({@code conv2d},
 *     {@code conv2d_1}); files of tf.keras 2.13-2.15 keep them at
 *     {@code _layer_checkpoint_dependencies/<layer name>/vars}.</li>
 * </ul>
 */
public final class KerasFiles {
    /** Weights of classes that have none are not looked for. */
    private static final Set<String> WEIGHTLESS = Set.of("InputLayer", "Activation", "ReLU", "LeakyReLU", "Softmax",
            "MaxPooling2D", "AveragePooling2D", "GlobalAveragePooling2D", "ZeroPadding2D", "Flatten", "Dropout",
            "SpatialDropout2D", "Rescaling", "Reshape");

    /** Weights that count samples (a Normalization layer's), integers the model does not compute with. */
    private static final Set<String> COUNTERS = Set.of("count");

    /**
     * A model read from a file.
     *
     * @param spec the layer chain with its weights
     * @param notes what the file is, for the provenance ("Keras 2.4.0 (tensorflow)")
     */
    public record Read(KerasModelSpec spec, List<String> notes) {
        public Read {
            notes = List.copyOf(notes);
        }
    }

    private KerasFiles() {
    }

    /** A legacy {@code .h5} model file, or an error saying what the HDF5 file is instead. */
    public static Read readH5(Group root, String source) throws WfnetException {
        String config = KerasHdf.text(root, "model_config", source);
        if (config == null) {
            if (KerasHdf.strings(root, "layer_names", source) != null) {
                throw new WfnetException(source + " holds only weights (Keras's save_weights), not the model's layers;"
                        + " save the whole model with model.save('model.keras') or model.save('model.h5')");
            }
            throw new WfnetException(source + " is an HDF5 file without a Keras model config (model_config); the"
                    + " import reads models saved by Keras's model.save");
        }
        KerasConfig.Chain chain = KerasConfig.parse(config, source);
        requireKnown(chain, source);
        Node weightsNode = root.getChildren().get("model_weights");
        if (!(weightsNode instanceof Group weights)) {
            throw new WfnetException(source + " has a model config but no model_weights group: the model was saved"
                    + " without its weights");
        }
        List<String> layerNames = KerasHdf.strings(weights, "layer_names", source);
        if (layerNames == null) {
            throw new WfnetException(source + ": model_weights has no layer_names attribute; it is not a Keras file");
        }
        List<KerasLayer> layers = new ArrayList<>();
        for (KerasConfig.LayerConfig layer : chain.layers()) {
            List<KerasLayer.Weight> values = new ArrayList<>();
            if (layerNames.contains(layer.name()) && hasWeights(layer.className())) {
                Node node = weights.getChildren().get(layer.name());
                if (!(node instanceof Group group)) {
                    throw new WfnetException(source + ": layer_names lists '" + layer.name() + "' but model_weights"
                            + " has no group of that name");
                }
                List<String> weightNames = KerasHdf.strings(group, "weight_names", source);
                for (String weightName : weightNames == null ? List.<String>of() : weightNames) {
                    if (COUNTERS.contains(shortName(weightName))) {
                        continue;
                    }
                    Node found;
                    try {
                        found = group.getByPath(weightName);
                    } catch (HdfInvalidPathException e) {
                        found = null;
                    }
                    if (!(found instanceof Dataset dataset)) {
                        throw new WfnetException(source + ": weight " + weightName + " of layer '" + layer.name()
                                + "' is listed in weight_names but missing from model_weights");
                    }
                    values.add(new KerasLayer.Weight(shortName(weightName), KerasHdf.tensor(dataset, source)));
                }
            }
            layers.add(new KerasLayer(layer.className(), layer.name(), layer.config(), values));
        }
        List<String> notes = new ArrayList<>();
        String version = KerasHdf.text(root, "keras_version", source);
        String backend = KerasHdf.text(root, "backend", source);
        notes.add("Keras " + chain.modelClass() + " model in HDF5 (model_config, model_weights)"
                + (version == null ? "" : ", written by Keras " + version + (backend == null ? "" : " (" + backend + ")")));
        return new Read(new KerasModelSpec(chain.inputShape(), layers), notes);
    }

    /** A Keras 3 {@code .keras} archive's config and weights file. */
    public static Read readV3(byte[] configJson, Group weights, String source) throws WfnetException {
        KerasConfig.Chain chain = KerasConfig.parse(configJson, source);
        requireKnown(chain, source);
        Group container = null;
        boolean byClass = false;
        for (String name : List.of("layers", "_layer_checkpoint_dependencies")) {
            if (weights.getChildren().get(name) instanceof Group group) {
                container = group;
                byClass = name.equals("layers");
                break;
            }
        }
        // Keras 3 numbers the groups along model.layers, the config's order, not the data's
        Map<String, Integer> seen = new HashMap<>();
        Map<KerasConfig.LayerConfig, String> paths = new IdentityHashMap<>();
        for (KerasConfig.LayerConfig layer : chain.listed()) {
            String snake = KerasConfig.snakeCase(layer.className());
            int occurrence = seen.merge(snake, 1, Integer::sum) - 1;
            paths.put(layer, occurrence == 0 ? snake : snake + "_" + occurrence);
        }
        List<KerasLayer> layers = new ArrayList<>();
        for (KerasConfig.LayerConfig layer : chain.layers()) {
            String path = byClass ? paths.get(layer) : layer.name();
            List<KerasLayer.Weight> values = new ArrayList<>();
            if (hasWeights(layer.className())) {
                if (container == null) {
                    throw new WfnetException(source + ": model.weights.h5 has neither a layers nor a"
                            + " _layer_checkpoint_dependencies group");
                }
                Group vars = vars(container, path, byClass ? layer.name() : null);
                if (vars == null) {
                    throw new WfnetException(source + ": model.weights.h5 has no weights for layer '" + layer.name()
                            + "' (" + layer.className() + ") at " + container.getPath() + path + "/vars");
                }
                List<String> names = weightNames(layer.className(), layer.config());
                int count = vars.getChildren().size();
                if (count > names.size()) {
                    throw new WfnetException(source + ": layer '" + layer.name() + "' has " + count + " weights in"
                            + " model.weights.h5; a " + layer.className() + " with its config has " + names.size());
                }
                for (int i = 0; i < count; i++) {
                    if (COUNTERS.contains(names.get(i))) {
                        continue;
                    }
                    if (!(vars.getChildren().get(Integer.toString(i)) instanceof Dataset dataset)) {
                        throw new WfnetException(source + ": weight " + i + " of layer '" + layer.name() + "' is missing"
                                + " from model.weights.h5");
                    }
                    values.add(new KerasLayer.Weight(names.get(i), KerasHdf.tensor(dataset, source)));
                }
            }
            layers.add(new KerasLayer(layer.className(), layer.name(), layer.config(), values));
        }
        return new Read(new KerasModelSpec(chain.inputShape(), layers), List.of("Keras " + chain.modelClass()
                + " model in a .keras archive (config.json, model.weights.h5 " + (container == null ? ""
                : container.getName() + "/<layer>/vars") + ")"));
    }

    /** Every layer's class must be one the mapper reads, before any weight is looked for by class. */
    private static void requireKnown(KerasConfig.Chain chain, String source) throws WfnetException {
        for (KerasConfig.LayerConfig layer : chain.layers()) {
            try {
                KerasStackMapper.requireKnown(layer.className(), "'" + layer.name() + "' (" + layer.className() + ")");
            } catch (IllegalArgumentException e) {
                throw new WfnetException(source + ": " + e.getMessage(), e);
            }
        }
    }

    /** Weights are read for the classes the mapper reads that have some; the mapper names any other class. */
    private static boolean hasWeights(String className) {
        return KerasStackMapper.KNOWN.contains(className) && !WEIGHTLESS.contains(className);
    }

    /** A layer's vars group: by Keras 3's class-based name, else by the layer's own name. */
    private static Group vars(Group container, String path, String layerName) {
        for (String name : layerName == null ? List.of(path) : List.of(path, layerName)) {
            if (container.getChildren().get(name) instanceof Group layer
                    && layer.getChildren().get("vars") instanceof Group vars) {
                return vars;
            }
        }
        return null;
    }

    /** Keras's order of a layer's variables, by class and config. */
    static List<String> weightNames(String className, JsonObject config) {
        List<String> names = new ArrayList<>();
        switch (className) {
            case "Conv2D", "Dense" -> {
                names.add("kernel");
                if (KerasStackMapper.bool(config, "use_bias", true)) {
                    names.add("bias");
                }
            }
            case "BatchNormalization" -> {
                if (KerasStackMapper.bool(config, "scale", true)) {
                    names.add("gamma");
                }
                if (KerasStackMapper.bool(config, "center", true)) {
                    names.add("beta");
                }
                names.add("moving_mean");
                names.add("moving_variance");
            }
            case "Normalization" -> {
                names.add("mean");
                names.add("variance");
                names.add("count");
            }
            default -> {
            }
        }
        return names;
    }

    /** {@code conv2d/conv2d/kernel:0} -> {@code kernel}. */
    static String shortName(String weightName) {
        String last = weightName.substring(weightName.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        return colon >= 0 ? last.substring(0, colon) : last;
    }
}
