package dev.wfnet.imports.keras;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Keras model as a chain of layers: its input shape as Keras gives it, batch axis included
 * ({@code [null, 28, 28]}, {@code [null, 28, 28, 1]}, {@code [null, 784]}; unknown sizes are null),
 * and its layers in the order the data flows through them. An {@code InputLayer} may be among the
 * layers or left out.
 *
 * @param inputShape the input shape, batch axis first; entries may be null
 * @param layers the layers, input to output
 */
public record KerasModelSpec(List<Long> inputShape, List<KerasLayer> layers) {

    public KerasModelSpec {
        inputShape = Collections.unmodifiableList(new ArrayList<>(inputShape));
        layers = List.copyOf(layers);
    }

    /** The input shape from sizes where -1 (or any negative number) stands for an unknown size. */
    public static List<Long> shape(long... sizes) {
        List<Long> shape = new ArrayList<>();
        for (long size : sizes) {
            shape.add(size < 0 ? null : size);
        }
        return shape;
    }

    /** "[null, 28, 28, 1]" for messages. */
    public String inputShapeText() {
        return inputShape.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }
}
