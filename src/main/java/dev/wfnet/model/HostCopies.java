package dev.wfnet.model;

import ai.djl.ndarray.NDArray;
import dev.wfnet.io.HostTensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Copies named native arrays to the Java heap, in their order, for files and analyses. */
public final class HostCopies {

    private HostCopies() {
    }

    public static Map<String, HostTensor> of(Map<String, NDArray> arrays) {
        Map<String, HostTensor> host = new LinkedHashMap<>();
        arrays.forEach((name, array) -> host.put(name, new HostTensor(array.getShape().getShape(),
                array.toFloatArray())));
        return host;
    }
}
