package dev.wfnet.imports;

import java.util.List;

/**
 * One source file read as data: what format it was, and its content as a tree of plain values
 * ({@link java.util.Map} with string keys, {@link java.util.List}, numbers, strings) whose leaves
 * include {@link SourceTensor}s, not yet decoded. Close it to release the file.
 *
 * @param format the reader's id ("pytorch-zip")
 * @param root the file's top-level value (a state_dict, a checkpoint dictionary, a tensor)
 * @param notes what the reader did that the provenance should say ("TorchScript module tree flattened")
 * @param resource what to close afterwards (an open zip file), or null
 * @param architecture the architecture the file states itself (a Keras model's config), with the
 *                     tensors of {@code root} already in its names and layout; null when the file
 *                     holds only weights (a state_dict) and the architecture is given or guessed
 */
public record SourceContent(String format, Object root, List<String> notes, AutoCloseable resource,
                            SourceArchitecture architecture) implements AutoCloseable {

    public SourceContent {
        notes = List.copyOf(notes);
    }

    /** Weights only: the architecture is given or guessed. */
    public SourceContent(String format, Object root, List<String> notes, AutoCloseable resource) {
        this(format, root, notes, resource, null);
    }

    @Override
    public void close() {
        if (resource != null) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // a read-only file: nothing is lost if closing it fails
            }
        }
    }
}
