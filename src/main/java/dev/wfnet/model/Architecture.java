package dev.wfnet.model;

import ai.djl.ndarray.NDArray;
import dev.wfnet.data.ImageShape;
import java.util.List;

/**
 * A network whose every parameter comes from a {@link ParameterSource} at call time. Instances
 * are immutable descriptions; weights live elsewhere, so one architecture serves the original
 * model and any number of filtered views of it.
 */
public interface Architecture {

    /** The catalogue id and arguments that rebuild this architecture. */
    ArchitectureSpec spec();

    ImageShape inputShape();

    int classCount();

    /** Every parameter, in a stable order (the order of the checkpoint). */
    List<ParameterSpec> parameters();

    /**
     * Logits for a batch {@code N x C x H x W}, shape {@code N x classCount}. In training mode,
     * batch normalisation uses batch statistics and updates its running statistics in place.
     */
    NDArray forward(ParameterSource parameters, NDArray input, boolean training);

    default long parameterCount() {
        return parameters().stream().filter(ParameterSpec::trainable).mapToLong(ParameterSpec::elementCount).sum();
    }
}
