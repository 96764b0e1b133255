package dev.wfnet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.wfnet.WfnetException;
import dev.wfnet.io.HostTensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The values of every parameter of one architecture, in native memory owned by the manager they
 * were created in. The plain {@link ParameterSource}: {@code get(name)} returns the weight itself.
 */
public final class NetworkWeights implements ParameterSource {
    private final Architecture architecture;
    private final Map<String, NDArray> values;

    private NetworkWeights(Architecture architecture, Map<String, NDArray> values) {
        this.architecture = architecture;
        this.values = Collections.unmodifiableMap(values);
    }

    /** Fresh weights drawn with the architecture's initialisers from a seeded generator. */
    public static NetworkWeights initialise(Architecture architecture, NDManager manager, long seed) {
        Random random = new Random(seed);
        Map<String, NDArray> values = new LinkedHashMap<>();
        for (ParameterSpec spec : architecture.parameters()) {
            float[] data = spec.init().sample(spec.shape(), spec.fanInOf(), random);
            values.put(spec.name(), EngineValues.copyOf(manager, data, new Shape(spec.shape())));
        }
        return new NetworkWeights(architecture, values);
    }

    /**
     * Weights from host tensors, checked name by name and shape by shape against the architecture.
     *
     * @param source names the origin of the tensors in error messages
     */
    public static NetworkWeights load(Architecture architecture, Map<String, HostTensor> tensors,
                                      NDManager manager, String source) throws WfnetException {
        checkFits(architecture, tensors, source);
        Map<String, NDArray> byName = new LinkedHashMap<>();
        for (ParameterSpec spec : architecture.parameters()) {
            HostTensor tensor = tensors.get(spec.name());
            byName.put(spec.name(), EngineValues.copyOf(manager, tensor));
        }
        return new NetworkWeights(architecture, byName);
    }

    /**
     * Refuses tensors that are not exactly the architecture's parameters: the first five problems
     * (missing, misshapen, unexpected) by name, and how many more there are.
     */
    public static void checkFits(Architecture architecture, Map<String, HostTensor> tensors, String source)
            throws WfnetException {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> shapes.put(name, tensor.shape()));
        checkShapes(architecture, shapes, source);
    }

    /** {@link #checkFits} on names and shapes alone, before any value is read. */
    public static void checkShapes(Architecture architecture, Map<String, long[]> shapes, String source)
            throws WfnetException {
        List<String> problems = new ArrayList<>();
        java.util.Set<String> expected = new java.util.HashSet<>();
        for (ParameterSpec spec : architecture.parameters()) {
            expected.add(spec.name());
            long[] shape = shapes.get(spec.name());
            if (shape == null) {
                problems.add("missing parameter " + spec.name() + " (" + spec.shapeText() + ")");
            } else if (!Arrays.equals(shape, spec.shape())) {
                problems.add(spec.name() + " has shape " + HostTensor.shapeText(shape) + ", "
                        + architecture.spec().id() + " expects " + spec.shapeText());
            }
        }
        shapes.keySet().stream().filter(name -> !expected.contains(name))
                .forEach(name -> problems.add("unexpected tensor " + name));
        if (!problems.isEmpty()) {
            throw new WfnetException(source + " does not fit " + architecture.spec() + ": "
                    + String.join("; ", problems.subList(0, Math.min(problems.size(), 5)))
                    + (problems.size() > 5 ? "; and " + (problems.size() - 5) + " more" : ""));
        }
    }

    public Architecture architecture() {
        return architecture;
    }

    @Override
    public NDArray get(String name) {
        NDArray value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException(architecture.spec().id() + " has no parameter " + name);
        }
        return value;
    }

    /** The parameters trained by gradient, in architecture order. */
    public Map<String, NDArray> trainable() {
        Map<String, NDArray> trainable = new LinkedHashMap<>();
        for (ParameterSpec spec : architecture.parameters()) {
            if (spec.trainable()) {
                trainable.put(spec.name(), values.get(spec.name()));
            }
        }
        return trainable;
    }

    /** A copy of every value on the Java heap, in architecture order. */
    public Map<String, HostTensor> toHost() {
        return HostCopies.of(values);
    }
}
