package dev.wfnet.imports.keras;

import dev.wfnet.WfnetException;
import dev.wfnet.io.HostTensor;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.FloatingPoint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What Keras keeps in HDF5, read with bounds: string attributes (also Keras's split ones,
 * {@code layer_names0}, {@code layer_names1}, ..., for lists too long for one attribute) and
 * floating-point datasets as tensors, their sizes checked before anything is allocated.
 */
public final class KerasHdf {
    /** The most elements one weight may have (a 1 GB float tensor). */
    static final long MAX_ELEMENTS = 1L << 28;
    /** The most characters of a string attribute read (a model config). */
    static final long MAX_ATTRIBUTE_BYTES = KerasConfig.MAX_CHARS;
    private static final int MAX_SPLITS = 100_000;

    private KerasHdf() {
    }

    /** A string attribute ({@code model_config}), or null when the node has none. */
    public static String text(Node node, String name, String source) throws WfnetException {
        Attribute attribute = node.getAttributes().get(name);
        if (attribute == null) {
            return null;
        }
        List<String> values = values(attribute, source);
        if (values.size() != 1) {
            throw new WfnetException(source + ": attribute " + name + " of " + node.getPath() + " holds " + values.size()
                    + " values, not one text");
        }
        return values.get(0);
    }

    /**
     * A list-of-strings attribute ({@code layer_names}, {@code weight_names}), or its split parts
     * {@code name0}, {@code name1}, ... in order; null when there is neither.
     */
    public static List<String> strings(Node node, String name, String source) throws WfnetException {
        Attribute whole = node.getAttributes().get(name);
        if (whole != null) {
            return values(whole, source);
        }
        if (node.getAttributes().get(name + "0") == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < MAX_SPLITS; i++) {
            Attribute part = node.getAttributes().get(name + i);
            if (part == null) {
                return out;
            }
            out.addAll(values(part, source));
        }
        throw new WfnetException(source + ": attribute " + name + " is split into more than " + MAX_SPLITS + " parts");
    }

    private static List<String> values(Attribute attribute, String source) throws WfnetException {
        if (attribute.getSizeInBytes() > MAX_ATTRIBUTE_BYTES || attribute.getSize() > MAX_ATTRIBUTE_BYTES) {
            throw new WfnetException(source + ": attribute " + attribute.getName() + " is too large ("
                    + attribute.getSizeInBytes() + " bytes)");
        }
        Object data = attribute.getData();
        List<String> out = new ArrayList<>();
        if (data instanceof String text) {
            out.add(text);
        } else if (data instanceof String[] texts) {
            out.addAll(List.of(texts));
        } else if (data instanceof byte[] bytes) {
            out.add(new String(bytes, StandardCharsets.UTF_8));
        } else if (data instanceof Object[] items) {
            for (Object item : items) {
                if (item instanceof String text) {
                    out.add(text);
                } else if (item instanceof byte[] bytes) {
                    out.add(new String(bytes, StandardCharsets.UTF_8));
                } else {
                    throw new WfnetException(source + ": attribute " + attribute.getName() + " holds "
                            + (item == null ? "nothing" : item.getClass().getSimpleName()) + ", not text");
                }
            }
        } else {
            throw new WfnetException(source + ": attribute " + attribute.getName() + " holds "
                    + (data == null ? "nothing" : data.getClass().getSimpleName()) + ", not text");
        }
        return out;
    }

    /** A floating-point dataset as a tensor of its shape. */
    public static HostTensor tensor(Dataset dataset, String source) throws WfnetException {
        String where = source + ": weight " + dataset.getPath();
        if (!(dataset.getDataType() instanceof FloatingPoint)) {
            throw new WfnetException(where + " holds " + dataset.getJavaType().getSimpleName() + " values, not"
                    + " floating point");
        }
        if (dataset.isCompound() || dataset.isVariableLength()) {
            throw new WfnetException(where + " is not a plain array of numbers");
        }
        int[] dims = dataset.isScalar() ? new int[0] : dataset.getDimensions();
        long count = 1;
        long[] shape = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new WfnetException(where + " has a negative size");
            }
            shape[i] = dims[i];
            count *= dims[i];
            if (count > MAX_ELEMENTS) {
                throw new WfnetException(where + " has more than " + MAX_ELEMENTS + " values, too many to load");
            }
        }
        if (count == 0) {
            return new HostTensor(shape, new float[0]);
        }
        Object data = dataset.isScalar() ? dataset.getData() : dataset.getDataFlat();
        float[] values;
        if (data instanceof float[] floats) {
            values = floats;
        } else if (data instanceof double[] doubles) {
            values = new float[doubles.length];
            for (int i = 0; i < doubles.length; i++) {
                values[i] = (float) doubles[i];
            }
        } else if (data instanceof Float f) {
            values = new float[] {f};
        } else if (data instanceof Double d) {
            values = new float[] {d.floatValue()};
        } else {
            throw new WfnetException(where + " holds " + (data == null ? "nothing" : data.getClass().getSimpleName())
                    + " values, not floating point");
        }
        if (values.length != count) {
            throw new WfnetException(where + " holds " + values.length + " values for its shape "
                    + HostTensor.shapeText(shape));
        }
        return new HostTensor(shape, values);
    }
}
