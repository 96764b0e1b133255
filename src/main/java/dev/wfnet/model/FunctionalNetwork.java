package dev.wfnet.model;

import dev.wfnet.data.ImageShape;
import java.util.List;

/**
 * What every catalogue architecture shares: its input shape, class count and parameter list,
 * fixed at construction. Subclasses add their arguments, {@link #spec()} and the forward pass.
 */
abstract class FunctionalNetwork implements Architecture {
    private final ImageShape input;
    private final int classes;
    private final List<ParameterSpec> parameters;

    FunctionalNetwork(ImageShape input, int classes, List<ParameterSpec> parameters) {
        this.input = input;
        this.classes = classes;
        this.parameters = List.copyOf(parameters);
    }

    @Override
    public final ImageShape inputShape() {
        return input;
    }

    @Override
    public final int classCount() {
        return classes;
    }

    @Override
    public final List<ParameterSpec> parameters() {
        return parameters;
    }
}
