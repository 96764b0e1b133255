package dev.wfnet.model;

import ai.djl.ndarray.NDArray;

/**
 * Parameters of a batch made of equal groups stacked along axis 0, group after group, where each
 * group has its own values of some parameters (WF-Net's per-row filtered weights). {@link Layers}
 * computes every group of such a batch at once: linear layers as one batched matrix product,
 * convolutions as one grouped computation, normalisation per channel (docs/method.md, "Every row
 * set in one batched pass"). Only inference-mode normalisation is supported when its parameters differ by group.
 */
public interface GroupedParameters extends ParameterSource {

    /** How many groups the batch is made of. */
    int groups();

    /**
     * The values of a parameter for every group, {@code groups x shape}, or null when every group
     * uses the same value ({@link #get}).
     */
    NDArray perGroup(String name);

    /** Whether a parameter has its own value in each group. */
    default boolean varies(String name) {
        return perGroup(name) != null;
    }
}
