package dev.wfnet.unlearn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * The number format of the frozen network's forward and backward passes in a training step
 * (docs/method.md, "Cheaper steps"). The alphas, their gradients, the optimiser and the loss stay
 * in single precision either way; the checks on the held-out split always run in single precision.
 * <ul>
 *   <li>{@link #FP32}: single precision throughout.</li>
 *   <li>{@link #BF16} <em>(ours, experimental)</em>: the filtered weights and the images are rounded
 *       to bfloat16 for the network's passes (fast on CPUs with AVX512-BF16), the logits brought back
 *       to single precision for the loss.</li>
 * </ul>
 */
public enum Precision {
    FP32, BF16;

    /** {@code x} in this precision (itself for FP32); the cast is differentiable. */
    NDArray apply(NDArray x) {
        return this == BF16 && x.getDataType() != DataType.BFLOAT16 ? x.toType(DataType.BFLOAT16, false) : x;
    }

    /** Logits back in single precision for the loss. */
    static NDArray single(NDArray x) {
        return x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
    }
}
