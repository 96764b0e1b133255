package dev.wfnet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.wfnet.data.ImageShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A multi-layer perceptron over the flattened image: fc1 - ReLU - fc2 - ReLU - ... - fc(k+1).
 * Layers are named {@code fc1}, {@code fc2}, ... (as in {@link SmallCnn}) rather than an
 * {@code nn.Sequential}'s {@code layers.0}, {@code layers.2}, whose indices skip the activations.
 * Argument {@code hidden}: the hidden widths as a comma list, default "256,128".
 */
public final class Mlp extends FunctionalNetwork {
    public static final String ID = "mlp";
    public static final int[] DEFAULT_HIDDEN = {256, 128};
    private final int[] hidden;

    public Mlp(ImageShape input, int classes, int... hidden) {
        super(input, classes, parameterList(input, classes, hidden));
        this.hidden = hidden.clone();
    }

    private static List<ParameterSpec> parameterList(ImageShape input, int classes, int[] hidden) {
        if (Arrays.stream(hidden).anyMatch(width -> width <= 0)) {
            throw new IllegalArgumentException("mlp hidden widths must be positive, got " + Arrays.toString(hidden));
        }
        List<ParameterSpec> specs = new ArrayList<>();
        long in = input.pixelCount();
        for (int i = 0; i < hidden.length; i++) {
            Layers.linearParameters(specs, layerName(i), in, hidden[i], Init.UNIFORM_FAN_IN);
            in = hidden[i];
        }
        Layers.linearParameters(specs, layerName(hidden.length), in, classes, Init.UNIFORM_FAN_IN);
        return specs;
    }

    private static String layerName(int index) {
        return "fc" + (index + 1);
    }

    @Override
    public ArchitectureSpec spec() {
        return ArchitectureSpec.of(ID, Map.of("hidden",
                Arrays.stream(hidden).mapToObj(Integer::toString).collect(Collectors.joining(","))));
    }




    @Override
    public NDArray forward(ParameterSource p, NDArray x, boolean training) {
        x = x.reshape(x.getShape().get(0), -1);
        for (int i = 0; i < hidden.length; i++) {
            x = Activation.relu(Layers.linear(p, layerName(i), x));
        }
        return Layers.linear(p, layerName(hidden.length), x);
    }
}
