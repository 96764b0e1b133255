package dev.wfnet.imports;

import dev.wfnet.WfnetException;
import dev.wfnet.imports.keras.KerasModelSpec;
import dev.wfnet.imports.keras.KerasStackMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Keras layer chain, from whichever file it was read (a Keras {@code .h5} or {@code .keras}
 * file, a SavedModel's object graph), as the import pipeline reads it: the tensors mapped by
 * {@link KerasStackMapper} as the root, and the architecture stated.
 */
public final class KerasSources {

    private KerasSources() {
    }

    /**
     * @param format the reader's id
     * @param source the file, for messages
     * @param notes what the reader did (recorded in the provenance)
     * @param resource what to close after the import, or null
     */
    public static SourceContent content(String format, KerasModelSpec spec, String source, List<String> notes,
                                        AutoCloseable resource) throws WfnetException {
        return content(format, KerasStackMapper.map(spec, source), notes, resource);
    }

    /** The content of a chain already mapped. */
    public static SourceContent content(String format, KerasStackMapper.Mapped mapped, List<String> notes,
                                        AutoCloseable resource) {
        Map<String, Object> root = new LinkedHashMap<>();
        mapped.tensors().forEach((name, tensor) -> root.put(name, SourceTensor.of(tensor, "F32")));
        return new SourceContent(format, root, notes, resource, architecture(mapped));
    }

    /** The architecture a mapped chain states. */
    public static SourceArchitecture architecture(KerasStackMapper.Mapped mapped) {
        return new SourceArchitecture(mapped.spec(), mapped.input(), mapped.classes(), mapped.channelsLast(),
                mapped.inputLayers(), mapped.rawPixels(), mapped.steps(), mapped.assumptions());
    }
}
