package dev.wfnet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;

/**
 * The layers of {@link Layers} for a batch of equal groups with their own parameters
 * ({@link GroupedParameters}): the batch is {@code groups * n} samples, group after group. Each
 * layer computes every group at once: a linear layer is one batched matrix product
 * ({@code [G, n, in] x [G, in, out]}), a convolution one grouped convolution (the groups stacked
 * on the channel axis) or, with {@link ConvolutionMethod#UNFOLD}, patches unfolded and one batched
 * matrix product, and normalisation an affine transform per group and channel.
 */
final class GroupedLayers {

    /** How a convolution whose kernels differ by group is computed. */
    enum ConvolutionMethod {
        /** One convolution with {@code groups = G} over the groups stacked on the channel axis. */
        GROUPED,
        /** The input's patches unfolded ({@code k*k} strided slices) and one batched matrix product. */
        UNFOLD;

        /**
         * The method in use: {@code -Dwfnet.grouped.convolution=grouped|unfold}, by default grouped
         * (unfold was twice as slow on the small CNN's steps and keeps every layer's unfolded patches
         * for the backward pass: {@code UntrainStepBenchmark}).
         */
        static ConvolutionMethod current() {
            return "unfold".equalsIgnoreCase(System.getProperty("wfnet.grouped.convolution", "grouped"))
                    ? UNFOLD : GROUPED;
        }
    }

    private GroupedLayers() {
    }

    static NDArray conv(GroupedParameters p, String prefix, NDArray x, int stride, int padding, boolean bias) {
        NDArray weight = p.perGroup(prefix + ".weight");
        NDArray b = bias ? p.perGroup(prefix + ".bias") : null;
        if (weight == null) {
            NDArray y = Conv2d.conv2d(x, p.get(prefix + ".weight"), bias && b == null ? p.get(prefix + ".bias") : null,
                    new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1), 1).singletonOrThrow();
            return b == null ? y : affinePerGroup(y, null, b, p.groups(), 1);
        }
        int groups = p.groups();
        Shape in = x.getShape();
        long n = in.get(0) / groups;
        long channels = in.get(1);
        Shape kernel = weight.getShape();
        long out = kernel.get(1);
        long size = kernel.get(3);
        long height = (in.get(2) + 2L * padding - size) / stride + 1;
        long width = (in.get(3) + 2L * padding - size) / stride + 1;
        NDArray y;
        if (ConvolutionMethod.current() == ConvolutionMethod.GROUPED) {
            NDArray stacked = x.reshape(groups, n, channels, in.get(2), in.get(3)).transpose(1, 0, 2, 3, 4)
                    .reshape(n, groups * channels, in.get(2), in.get(3));
            y = Conv2d.conv2d(stacked, weight.reshape(groups * out, channels, size, kernel.get(4)), null,
                    new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1), groups)
                    .singletonOrThrow()
                    .reshape(n, groups, out, height, width).transpose(1, 0, 2, 3, 4);
        } else {
            NDArray padded = padding > 0 ? x.pad(new Shape(padding, padding, padding, padding), 0) : x;
            NDList patches = new NDList();
            for (int i = 0; i < size; i++) {
                for (int j = 0; j < size; j++) {
                    patches.add(padded.get(new NDIndex(":, :, {}:{}:{}, {}:{}:{}", i, i + stride * (height - 1) + 1,
                            stride, j, j + stride * (width - 1) + 1, stride)));
                }
            }
            NDArray columns = (patches.size() == 1 ? patches.singletonOrThrow() : NDArrays.stack(patches, 2))
                    .reshape(groups, n, channels * size * size, height * width).transpose(0, 2, 1, 3)
                    .reshape(groups, channels * size * size, n * height * width);
            y = weight.reshape(groups, out, channels * size * size).matMul(columns)
                    .reshape(groups, out, n, height, width).transpose(0, 2, 1, 3, 4);
        }
        y = y.reshape(groups * n, out, height, width);
        if (b != null) {
            return affinePerGroup(y, null, b, groups, 1);
        }
        return bias ? y.add(p.get(prefix + ".bias").reshape(out, 1, 1)) : y;
    }

    static NDArray linear(GroupedParameters p, String prefix, NDArray x, boolean bias) {
        NDArray weight = p.perGroup(prefix + ".weight");
        NDArray b = bias ? p.perGroup(prefix + ".bias") : null;
        if (weight == null) {
            NDArray y = Linear.linear(x, p.get(prefix + ".weight"), bias && b == null ? p.get(prefix + ".bias") : null)
                    .singletonOrThrow();
            return b == null ? y : affinePerGroup(y, null, b, p.groups(), y.getShape().dimension() - 1);
        }
        int groups = p.groups();
        Shape in = x.getShape();
        long out = weight.getShape().get(1);
        NDArray y = x.reshape(groups, -1, in.get(in.dimension() - 1)).matMul(weight.transpose(0, 2, 1));
        long[] shape = in.getShape();
        shape[shape.length - 1] = out;
        y = y.reshape(new Shape(shape));
        if (b != null) {
            return affinePerGroup(y, null, b, groups, shape.length - 1);
        }
        return bias ? y.add(p.get(prefix + ".bias")) : y;
    }

    /** Batch norm in inference mode with a scale or shift per group: {@code x * scale[g] + shift[g]}. */
    static NDArray batchNorm(GroupedParameters p, String prefix, NDArray x, boolean training, double eps) {
        NDArray gamma = p.perGroup(prefix + ".weight");
        NDArray beta = p.perGroup(prefix + ".bias");
        if (gamma == null && beta == null) {
            return BatchNorm.batchNorm(x, p.get(prefix + ".running_mean"), p.get(prefix + ".running_var"),
                    p.get(prefix + ".weight"), p.get(prefix + ".bias"), 1, Layers.BN_MOMENTUM, (float) eps, training)
                    .singletonOrThrow();
        }
        if (training) {
            throw new IllegalStateException("batch statistics cannot be taken over groups with their own "
                    + prefix + " parameters");
        }
        int groups = p.groups();
        NDArray mean = p.get(prefix + ".running_mean");
        NDArray deviation = EngineValues.plus(p.get(prefix + ".running_var"), eps).sqrt();
        NDArray scale = (gamma == null ? p.get(prefix + ".weight").expandDims(0) : gamma).div(deviation);
        NDArray shift = (beta == null ? p.get(prefix + ".bias").expandDims(0) : beta).sub(mean.mul(scale));
        return affinePerGroup(x, scale, shift, groups, 1);
    }

    /** Layer norm over the last axis with a scale or shift per group. */
    static NDArray layerNorm(GroupedParameters p, String prefix, NDArray x, float eps) {
        NDArray gamma = p.perGroup(prefix + ".weight");
        NDArray beta = p.perGroup(prefix + ".bias");
        if (gamma == null && beta == null) {
            NDArray weight = p.get(prefix + ".weight");
            return LayerNorm.layerNorm(x, weight.getShape(), weight, p.get(prefix + ".bias"), eps).singletonOrThrow();
        }
        Shape features = new Shape(x.getShape().get(x.getShape().dimension() - 1));
        NDArray normalised = LayerNorm.layerNorm(x, features, x.getManager().ones(features, x.getDataType()),
                x.getManager().zeros(features, x.getDataType()), eps).singletonOrThrow();
        NDArray scale = gamma == null ? p.get(prefix + ".weight").expandDims(0) : gamma;
        NDArray shift = beta == null ? p.get(prefix + ".bias").expandDims(0) : beta;
        return affinePerGroup(normalised, scale, shift, p.groups(), x.getShape().dimension() - 1);
    }

    /**
     * {@code x * scale[g] + shift[g]} along {@code axis}, with {@code scale} and {@code shift}
     * {@code G x C} (or {@code 1 x C}); a null {@code scale} is one.
     */
    private static NDArray affinePerGroup(NDArray x, NDArray scale, NDArray shift, int groups, int axis) {
        Shape shape = x.getShape();
        long[] grouped = new long[shape.dimension() + 1];
        grouped[0] = groups;
        grouped[1] = shape.get(0) / groups;
        long[] parameter = new long[shape.dimension() + 1];
        java.util.Arrays.fill(parameter, 1);
        for (int i = 1; i < shape.dimension(); i++) {
            grouped[i + 1] = shape.get(i);
        }
        parameter[axis + 1] = shape.get(axis);
        parameter[0] = -1;
        NDArray y = x.reshape(new Shape(grouped));
        if (scale != null) {
            y = y.mul(scale.reshape(new Shape(parameter)));
        }
        return y.add(shift.reshape(new Shape(parameter))).reshape(shape);
    }
}
