package dev.wfnet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * How a batch of images lies in memory when it enters a network. The shape stays N x C x H x W
 * either way, so every architecture reads it alike; only the strides differ, and PyTorch chooses
 * its convolution kernels by them (a tensor's "memory format").
 */
public enum MemoryLayout {
    /** N x C x H x W in memory: PyTorch's default. */
    CONTIGUOUS,
    /**
     * N x H x W x C in memory ({@code torch.channels_last}): oneDNN convolves it without reordering
     * and its output stays channels-last through ReLU and pooling into the next convolution.
     */
    CHANNELS_LAST;

    /** The batch in this layout: the same array for {@link #CONTIGUOUS} or anything but 4-D images. */
    public NDArray apply(NDArray batch) {
        if (this == CONTIGUOUS || batch.getShape().dimension() != 4) {
            return batch;
        }
        Shape shape = batch.getShape();
        // Permuted to N x H x W x C, flattened (a copy in that order unless C is 1, when the
        // permutation is already contiguous), then viewed back as N x C x H x W with NHWC strides.
        return batch.transpose(0, 2, 3, 1).reshape(-1).reshape(shape.get(0), shape.get(2), shape.get(3), shape.get(1))
                .transpose(0, 3, 1, 2);
    }
}
