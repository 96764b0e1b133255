package dev.wfnet.imports;

import dev.wfnet.WfnetException;
import dev.wfnet.io.HostTensor;

/**
 * A tensor found in a source file, known by its shape; its values are decoded only when asked,
 * so optimiser state and other entries a checkpoint carries besides the weights cost nothing.
 */
public interface SourceTensor {

    long[] shape();

    /** The stored element type, for messages ("F32", "F16"). */
    String dtype();

    /** The values as float, row-major. */
    HostTensor load() throws WfnetException;

    /** A tensor already decoded (safetensors files are read whole). */
    static SourceTensor of(HostTensor tensor, String dtype) {
        return new SourceTensor() {
            @Override
            public long[] shape() {
                return tensor.shape();
            }

            @Override
            public String dtype() {
                return dtype;
            }

            @Override
            public HostTensor load() {
                return tensor;
            }
        };
    }
}
