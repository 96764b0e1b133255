package dev.wfnet.model;

import ai.djl.ndarray.NDArray;

/**
 * Supplies a network's parameters by name at call time. The plain weights are one source; a
 * WF-Net filtered view ({@code w * alpha[c]}) is another, which is all unlearning needs.
 */
@FunctionalInterface
public interface ParameterSource {
    NDArray get(String name);
}
