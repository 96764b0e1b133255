package dev.wfnet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import java.util.List;

/**
 * Functional layers over named parameters, and the parameter lists that go with them. Each
 * architecture is written with these, so a layer's maths and its parameter names live once; a
 * {@link GroupedParameters} source runs every group of its batch at once ({@link GroupedLayers}).
 */
public final class Layers {
    /** PyTorch's BatchNorm2d defaults: running = 0.9 * running + 0.1 * batch, eps 1e-5. */
    static final float BN_MOMENTUM = 0.9f;
    private static final float BN_EPS = 1e-5f;
    private static final float LN_EPS = 1e-6f;

    private Layers() {
    }

    /** {@code prefix.weight} (out x in x k x k) and optionally {@code prefix.bias}. */
    public static void convParameters(List<ParameterSpec> out, String prefix, long in, long outChannels,
                                      long kernel, boolean bias, Init init) {
        long[] shape = {outChannels, in, kernel, kernel};
        out.add(ParameterSpec.of(prefix + ".weight", ParameterRole.WEIGHT, init, shape));
        if (bias) {
            out.add(ParameterSpec.bias(prefix + ".bias", init == Init.TRUNCATED_NORMAL ? Init.ZEROS : Init.UNIFORM_FAN_IN, shape));
        }
    }

    /** {@code prefix.weight} (out x in) and {@code prefix.bias}. */
    public static void linearParameters(List<ParameterSpec> out, String prefix, long in, long outUnits, Init init) {
        linearParameters(out, prefix, in, outUnits, true, init);
    }

    /** {@code prefix.weight} (out x in) and optionally {@code prefix.bias}. */
    public static void linearParameters(List<ParameterSpec> out, String prefix, long in, long outUnits, boolean bias,
                                        Init init) {
        long[] shape = {outUnits, in};
        out.add(ParameterSpec.of(prefix + ".weight", ParameterRole.WEIGHT, init, shape));
        if (bias) {
            out.add(ParameterSpec.bias(prefix + ".bias", init == Init.UNIFORM_FAN_IN ? Init.UNIFORM_FAN_IN : Init.ZEROS,
                    shape));
        }
    }

    /** {@code prefix.weight}, {@code .bias}, {@code .running_mean}, {@code .running_var}. */
    public static void batchNormParameters(List<ParameterSpec> out, String prefix, long channels) {
        out.add(ParameterSpec.of(prefix + ".weight", ParameterRole.NORM_WEIGHT, Init.ONES, channels));
        out.add(ParameterSpec.of(prefix + ".bias", ParameterRole.NORM_BIAS, Init.ZEROS, channels));
        out.add(ParameterSpec.of(prefix + ".running_mean", ParameterRole.RUNNING_STAT, Init.ZEROS, channels));
        out.add(ParameterSpec.of(prefix + ".running_var", ParameterRole.RUNNING_STAT, Init.ONES, channels));
    }

    /** {@code prefix.weight} and {@code prefix.bias} of a layer norm. */
    public static void layerNormParameters(List<ParameterSpec> out, String prefix, long features) {
        out.add(ParameterSpec.of(prefix + ".weight", ParameterRole.NORM_WEIGHT, Init.ONES, features));
        out.add(ParameterSpec.of(prefix + ".bias", ParameterRole.NORM_BIAS, Init.ZEROS, features));
    }

    public static NDArray conv(ParameterSource p, String prefix, NDArray x, int stride, int padding, boolean bias) {
        if (p instanceof GroupedParameters grouped) {
            return GroupedLayers.conv(grouped, prefix, x, stride, padding, bias);
        }
        return Conv2d.conv2d(x, p.get(prefix + ".weight"), bias ? p.get(prefix + ".bias") : null,
                new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1), 1).singletonOrThrow();
    }

    public static NDArray linear(ParameterSource p, String prefix, NDArray x) {
        return linear(p, prefix, x, true);
    }

    public static NDArray linear(ParameterSource p, String prefix, NDArray x, boolean bias) {
        if (p instanceof GroupedParameters grouped) {
            return GroupedLayers.linear(grouped, prefix, x, bias);
        }
        return Linear.linear(x, p.get(prefix + ".weight"), bias ? p.get(prefix + ".bias") : null).singletonOrThrow();
    }

    public static NDArray batchNorm(ParameterSource p, String prefix, NDArray x, boolean training) {
        return batchNorm(p, prefix, x, training, BN_EPS);
    }

    /** Batch norm over axis 1 of maps (N x C x H x W) or of features (N x F), with the given epsilon. */
    public static NDArray batchNorm(ParameterSource p, String prefix, NDArray x, boolean training, double eps) {
        if (p instanceof GroupedParameters grouped) {
            return GroupedLayers.batchNorm(grouped, prefix, x, training, eps);
        }
        return BatchNorm.batchNorm(x, p.get(prefix + ".running_mean"), p.get(prefix + ".running_var"),
                p.get(prefix + ".weight"), p.get(prefix + ".bias"), 1, BN_MOMENTUM, (float) eps, training)
                .singletonOrThrow();
    }

    public static NDArray layerNorm(ParameterSource p, String prefix, NDArray x) {
        if (p instanceof GroupedParameters grouped) {
            return GroupedLayers.layerNorm(grouped, prefix, x, LN_EPS);
        }
        NDArray weight = p.get(prefix + ".weight");
        return LayerNorm.layerNorm(x, weight.getShape(), weight, p.get(prefix + ".bias"), LN_EPS).singletonOrThrow();
    }
}
