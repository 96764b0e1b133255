package dev.wfnet.io;

import java.util.Arrays;

/**
 * A float tensor on the Java heap: what files hold before a network puts it in native memory.
 *
 * @param shape the dimensions, outermost first
 * @param data row-major values, {@code product(shape)} of them
 */
public record HostTensor(long[] shape, float[] data) {

    public HostTensor {
        shape = shape.clone();
        if (elementCount(shape) != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs "
                    + elementCount(shape) + " values, got " + data.length);
        }
    }

    public static long elementCount(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            try {
                count = Math.multiplyExact(count, dim);
            } catch (ArithmeticException e) {
                // a corrupt header must not wrap around to a small count that "fits" the data
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has too many values", e);
            }
        }
        return count;
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int size() {
        return data.length;
    }

    public String shapeText() {
        return shapeText(shape);
    }

    /** "32x1x3x3", or "scalar" for no dimensions. */
    public static String shapeText(long[] shape) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            text.append(i == 0 ? "" : "x").append(shape[i]);
        }
        return shape.length == 0 ? "scalar" : text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HostTensor that && Arrays.equals(shape, that.shape)
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "HostTensor[" + shapeText() + "]";
    }
}
