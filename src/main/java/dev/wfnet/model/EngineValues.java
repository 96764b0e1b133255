package dev.wfnet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.wfnet.io.HostTensor;
import java.nio.FloatBuffer;
import java.util.function.BinaryOperator;

/**
 * The one way values go from Java to the engine: every tensor made here holds memory the engine
 * owns, so closing a Java handle never frees memory the engine may still read.
 *
 * <p>Why it exists: DJL 0.36 on PyTorch turns Java values into tensors with {@code torch::from_blob}
 * over a direct {@code ByteBuffer} that only the Java {@code NDArray} keeps reachable
 * ({@code NDManager.create} of an array or a buffer, and every {@code NDArray} method that takes a
 * {@code Number}: {@code x.mul(2f)} makes such a scalar, multiplies and closes it at once). Autograd
 * keeps the operands it needs for the backward pass: {@code x.mul(c)} keeps {@code c},
 * {@code x.pow(p)} keeps {@code p}. Once the scalar is closed, the next garbage collection frees
 * its buffer and the backward pass reads whatever took that memory, NaN or any number, at a step
 * that depends on when the collector ran. That made seeded untraining runs differ and produced
 * "NaN gradients from a finite loss". The engine copies or fills every tensor made here, and
 * reference-counts it like any of its own, so autograd's hold keeps it alive.
 *
 * <p>A test ({@code EngineValuesRuleTest}) refuses any other class that calls DJL's
 * Java-memory constructors or its {@code Number} overloads.
 */
public final class EngineValues {
    private static final NDIndex ALL = new NDIndex("...");

    private EngineValues() {
    }

    /** Whether every element of every one of {@code values} is a finite number (a sum per tensor sees NaN and infinity). */
    public static boolean allFinite(java.util.Collection<NDArray> values) {
        for (NDArray value : values) {
            try (NDArray sum = value.sum()) {
                if (!Float.isFinite(sum.getFloat())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A 0-d tensor of {@code like}'s type in {@code like}'s manager (and the caller's scope). */
    public static NDArray scalar(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }

    /** {@code x + value}. */
    public static NDArray plus(NDArray x, double value) {
        return withScalar(x, value, NDArray::add);
    }

    /** {@code x * value}. */
    public static NDArray times(NDArray x, double value) {
        return withScalar(x, value, NDArray::mul);
    }

    /** {@code x / value}. */
    public static NDArray dividedBy(NDArray x, double value) {
        return withScalar(x, value, NDArray::div);
    }

    /** {@code x ^ exponent}, element-wise. */
    public static NDArray power(NDArray x, double exponent) {
        return withScalar(x, exponent, NDArray::pow);
    }

    /** {@code min(x, value)}, element-wise. */
    public static NDArray minimum(NDArray x, double value) {
        return withScalar(x, value, NDArray::minimum);
    }

    /** {@code x >= value}, element-wise, as booleans. */
    public static NDArray atLeast(NDArray x, double value) {
        return withScalar(x, value, NDArray::gte);
    }

    /** {@code x /= value}, in place. */
    public static void divideInPlace(NDArray x, double value) {
        withScalar(x, value, NDArray::divi);
    }

    /**
     * {@code operation(x, value)} with the value as an engine-owned scalar, closed at once: autograd
     * keeps its own reference to it.
     */
    private static NDArray withScalar(NDArray x, double value, BinaryOperator<NDArray> operation) {
        try (NDArray operand = scalar(x, value)) {
            return operation.apply(x, operand);
        }
    }

    /** Sets every element of {@code target} that {@code where} selects to {@code value}, in place. */
    public static void fill(NDArray target, NDIndex where, double value) {
        try (NDArray operand = scalar(target, value)) {
            target.set(where, operand);
        }
    }

    /** Sets every element of {@code target} to {@code value}, in place (NaN included, unlike a product). */
    public static void fill(NDArray target, double value) {
        fill(target, ALL, value);
    }

    /** The first {@code count} floats of {@code data} as a tensor of {@code shape}, in {@code manager}. */
    public static NDArray copyOf(NDManager manager, float[] data, int count, Shape shape) {
        try (NDArray borrowed = manager.create(FloatBuffer.wrap(data, 0, count), shape)) {
            return borrowed.duplicate();
        }
    }

    /** {@code data} as a tensor of {@code shape}, in {@code manager}. */
    public static NDArray copyOf(NDManager manager, float[] data, Shape shape) {
        return copyOf(manager, data, data.length, shape);
    }

    /** A host tensor as a tensor of its shape, in {@code manager}. */
    public static NDArray copyOf(NDManager manager, HostTensor tensor) {
        return copyOf(manager, tensor.data(), new Shape(tensor.shape()));
    }

    /** Integers (labels) as a 1-d tensor, in {@code manager}. */
    public static NDArray copyOf(NDManager manager, int[] data) {
        try (NDArray borrowed = manager.create(data)) {
            return borrowed.duplicate();
        }
    }

    /** Overwrites {@code target}'s values with {@code data} (same element count), in place. */
    public static void copyInto(NDArray target, float[] data) {
        try (NDArray values = copyOf(target.getManager(), data, target.getShape())) {
            target.set(ALL, values);
        }
    }
}
