package dev.wfnet.imports;

import dev.wfnet.WfnetException;
import dev.wfnet.io.HostTensor;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A tensor as {@code torch._utils._rebuild_tensor_v2} describes it: a view of a storage with an
 * offset, sizes and strides. The geometry is checked against the storage's length when the tensor
 * is made, so decoding can never read outside it.
 */
final class TorchTensor implements SourceTensor {
    static final int MAX_DIMENSIONS = 16;
    private final StorageRef storage;
    private final long offset;
    private final long[] size;
    private final long[] stride;

    private TorchTensor(StorageRef storage, long offset, long[] size, long[] stride) {
        this.storage = storage;
        this.offset = offset;
        this.size = size;
        this.stride = stride;
    }

    /**
     * @throws IllegalArgumentException naming the problem when the view does not lie inside its storage
     */
    static TorchTensor of(StorageRef storage, long offset, long[] size, long[] stride) {
        if (size.length != stride.length) {
            throw new IllegalArgumentException("a tensor has " + size.length + " sizes but " + stride.length
                    + " strides");
        }
        if (size.length > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("a tensor has " + size.length + " dimensions (at most "
                    + MAX_DIMENSIONS + " are read)");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("a tensor starts at a negative storage offset " + offset);
        }
        long elements = 1;
        long last = offset;
        try {
            for (int i = 0; i < size.length; i++) {
                if (size[i] < 0 || stride[i] < 0) {
                    throw new IllegalArgumentException("a tensor has a negative size or stride: size "
                            + Arrays.toString(size) + ", stride " + Arrays.toString(stride));
                }
                elements = Math.multiplyExact(elements, size[i]);
                if (size[i] > 0) {
                    last = Math.addExact(last, Math.multiplyExact(size[i] - 1, stride[i]));
                }
            }
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("a tensor's size " + Arrays.toString(size) + " and stride "
                    + Arrays.toString(stride) + " overflow", e);
        }
        if (elements > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a tensor of " + elements + " elements is too large to load");
        }
        if (elements > 0 && last >= storage.elements()) {
            throw new IllegalArgumentException("a tensor of size " + Arrays.toString(size) + ", stride "
                    + Arrays.toString(stride) + " and offset " + offset + " reaches element " + last
                    + " of storage '" + storage.key() + "', which holds " + storage.elements());
        }
        return new TorchTensor(storage, offset, size.clone(), stride.clone());
    }

    @Override
    public long[] shape() {
        return size.clone();
    }

    @Override
    public String dtype() {
        return storage.type().name();
    }

    @Override
    public HostTensor load() throws WfnetException {
        ByteBuffer bytes = storage.bytes().read(storage.key());
        int count = Math.toIntExact(HostTensor.elementCount(size));
        long first = storage.offset() + offset;
        if (isRowMajor()) {
            return new HostTensor(size, storage.type().decode(bytes, Math.toIntExact(first * storage.type().bytes()),
                    count));
        }
        float[] values = new float[count];
        long[] index = new long[size.length];
        for (int i = 0; i < count; i++) {
            long at = first;
            for (int d = 0; d < size.length; d++) {
                at += index[d] * stride[d];
            }
            values[i] = storage.type().read(bytes, 0, Math.toIntExact(at));
            for (int d = size.length - 1; d >= 0; d--) {
                if (++index[d] < size[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return new HostTensor(size, values);
    }

    private boolean isRowMajor() {
        long expected = 1;
        for (int d = size.length - 1; d >= 0; d--) {
            if (size[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= size[d];
        }
        return true;
    }

    @Override
    public String toString() {
        return "tensor " + HostTensor.shapeText(size) + " " + dtype();
    }
}
