package dev.wfnet.model;

import java.util.Arrays;

/**
 * One parameter of an architecture.
 *
 * @param name torchvision/timm-style dotted name ("layer1.0.conv1.weight")
 * @param shape the dimensions; for weights the output channel or unit comes first
 * @param role what the parameter does
 * @param init how it starts before training
 * @param fanInOf the shape whose fan-in a bias's initialisation uses (its weight's), else its own
 */
public record ParameterSpec(String name, long[] shape, ParameterRole role, Init init, long[] fanInOf) {

    public ParameterSpec {
        shape = shape.clone();
        fanInOf = fanInOf.clone();
    }

    public static ParameterSpec of(String name, ParameterRole role, Init init, long... shape) {
        return new ParameterSpec(name, shape, role, init, shape);
    }

    public static ParameterSpec bias(String name, Init init, long[] weightShape) {
        return new ParameterSpec(name, new long[] {weightShape[0]}, ParameterRole.BIAS, init, weightShape);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public long[] fanInOf() {
        return fanInOf.clone();
    }

    public long elementCount() {
        return dev.wfnet.io.HostTensor.elementCount(shape);
    }

    public boolean trainable() {
        return role.trainable();
    }

    /** Whether a WF-Net bank may put an alpha mask on it: every trained parameter. */
    public boolean filterable() {
        return role.trainable();
    }

    /** Whether a bank filters it unless told otherwise: convolution and linear weights (docs/method.md). */
    public boolean filteredByDefault() {
        return role == ParameterRole.WEIGHT;
    }

    public String shapeText() {
        return dev.wfnet.io.HostTensor.shapeText(shape);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ParameterSpec that && name.equals(that.name) && Arrays.equals(shape, that.shape)
                && role == that.role && init == that.init && Arrays.equals(fanInOf, that.fanInOf);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + shapeText() + " " + role.label();
    }
}
