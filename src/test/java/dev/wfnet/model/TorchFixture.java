package dev.wfnet.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageShape;
import dev.wfnet.io.HostTensor;
import dev.wfnet.io.SafeTensors;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One reference file made by src/test/python/make_fixtures.py with plain PyTorch: a state dict,
 * an input batch, the logits PyTorch computed, and for batch-norm networks the logits and running
 * statistics of one training-mode pass. Tensor names starting with "__" are not parameters.
 */
record TorchFixture(String name, ArchitectureSpec spec, ImageShape input, int classes,
                    Map<String, HostTensor> parameters, Map<String, HostTensor> extras) {

    static final float TOLERANCE = 1e-4f;
    static final String AFTER_TRAIN = "__after_train.";

    static TorchFixture load(String name) throws WfnetException {
        URL url = TorchFixture.class.getResource("/fixtures/" + name + ".safetensors");
        if (url == null) {
            throw new IllegalStateException("fixture " + name + " missing: run src/test/python/make_fixtures.py");
        }
        SafeTensors.Content content;
        try {
            content = SafeTensors.read(Path.of(url.toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> metadata = content.metadata();
        Map<String, String> arguments = new TreeMap<>();
        for (Map.Entry<String, JsonElement> entry
                : JsonParser.parseString(metadata.get("arguments")).getAsJsonObject().entrySet()) {
            arguments.put(entry.getKey(), entry.getValue().getAsString());
        }
        String[] dims = metadata.get("input_shape").split("x");
        ImageShape input = new ImageShape(Integer.parseInt(dims[0]), Integer.parseInt(dims[1]), Integer.parseInt(dims[2]));
        Map<String, HostTensor> parameters = new LinkedHashMap<>();
        Map<String, HostTensor> extras = new LinkedHashMap<>();
        content.tensors().forEach((key, value) -> (key.startsWith("__") ? extras : parameters).put(key, value));
        return new TorchFixture(name, ArchitectureSpec.of(metadata.get("architecture"), arguments), input,
                Integer.parseInt(metadata.get("classes")), parameters, extras);
    }

    Architecture architecture() throws WfnetException {
        return ArchitectureCatalog.create(spec, input, classes);
    }

    NetworkWeights weights(Architecture architecture, NDManager manager) throws WfnetException {
        return NetworkWeights.load(architecture, parameters, manager, name + " fixture");
    }

    NDArray array(String key, NDManager manager) {
        HostTensor tensor = extras.get(key);
        return manager.create(tensor.data(), new Shape(tensor.shape()));
    }

    HostTensor extra(String key) {
        HostTensor tensor = extras.get(key);
        if (tensor == null) {
            throw new IllegalStateException(name + " fixture has no " + key);
        }
        return tensor;
    }

    /** Asserts shape and values within {@link #TOLERANCE}; returns the largest absolute error. */
    static double assertClose(String what, HostTensor expected, NDArray actual) {
        assertArrayEquals(expected.shape(), actual.getShape().getShape(), what + ": shape");
        float[] values = actual.toFloatArray();
        double max = 0;
        for (int i = 0; i < values.length; i++) {
            max = Math.max(max, Math.abs(values[i] - expected.data()[i]));
        }
        double worst = max;
        assertTrue(worst <= TOLERANCE, () -> what + ": max abs error " + worst + " exceeds " + TOLERANCE);
        return max;
    }
}
