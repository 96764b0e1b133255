package dev.wfnet.imports;

import dev.wfnet.WfnetException;
import dev.wfnet.imports.keras.KerasFiles;
import io.jhdf.HdfFile;
import java.nio.file.Path;

/**
 * Keras models saved as HDF5 ({@code model.save('model.h5')}) by tf.keras 2.x, standalone Keras
 * 2 or Keras 3, read with jhdf (pure Java; nothing of the file is executed). The layer chain is
 * mapped onto the {@code sequential} architecture, which the file thereby states.
 */
public final class KerasH5Reader implements SourceReader {
    public static final String ID = "keras-h5";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Keras model in HDF5 (.h5)";
    }

    @Override
    public boolean accepts(FileProbe probe) {
        return !probe.directory() && probe.startsWith(0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n');
    }

    @Override
    public SourceContent read(Path file) throws WfnetException {
        String source = file.toString();
        HdfFile hdf = KerasArchiveReader.hdf(source, () -> new HdfFile(file));
        try {
            KerasFiles.Read read = KerasArchiveReader.guarded(source, () -> KerasFiles.readH5(hdf, source));
            return KerasSources.content(ID, read.spec(), source, read.notes(), null);
        } finally {
            hdf.close();
        }
    }
}
