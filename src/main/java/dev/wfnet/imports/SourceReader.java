package dev.wfnet.imports;

import dev.wfnet.WfnetException;
import java.nio.file.Path;

/**
 * Reads one foreign file format into a {@link SourceContent}. A new format (TensorFlow, Keras) is
 * one new implementation added to {@link SourceReaders}; everything after reading (finding the
 * weights, cleaning names, mapping onto an architecture, verifying, writing) is shared.
 */
public interface SourceReader {

    /** A short stable id, recorded in provenance ("pytorch-zip", "torchscript"). */
    String id();

    /** What the format is, for people ("PyTorch torch.save archive (zip)"). */
    String description();

    /** Whether this reader reads the file, judged from its first bytes, name and zip entries. */
    boolean accepts(FileProbe probe);

    SourceContent read(Path file) throws WfnetException;
}
