package dev.wfnet.imports;

import dev.wfnet.WfnetException;
import dev.wfnet.imports.keras.KerasConfig;
import dev.wfnet.imports.keras.KerasFiles;
import io.jhdf.HdfFile;
import java.nio.file.Path;

/**
 * Keras 3 {@code .keras} archives (also written by tf.keras 2.13 and later): a zip of
 * {@code config.json}, {@code metadata.json} and {@code model.weights.h5}, read with bounds (see
 * {@link ZipArchive}) and jhdf. Weights stored as {@code model.weights.npz} are refused: an
 * {@code .npz} may hold pickled objects.
 */
public final class KerasArchiveReader implements SourceReader {
    public static final String ID = "keras-v3";
    static final String CONFIG = "config.json";
    static final String WEIGHTS = "model.weights.h5";
    static final String NPZ_WEIGHTS = "model.weights.npz";
    /** The largest weights file read into memory. */
    static final long MAX_WEIGHTS_BYTES = 1L << 30;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Keras 3 archive (.keras)";
    }

    @Override
    public boolean accepts(FileProbe probe) {
        return probe.isZip() && probe.zipEntries().contains(CONFIG)
                && (probe.zipEntries().contains(WEIGHTS) || probe.zipEntries().contains(NPZ_WEIGHTS));
    }

    @Override
    public SourceContent read(Path file) throws WfnetException {
        String source = file.toString();
        try (ZipArchive zip = ZipArchive.open(file)) {
            if (!zip.has(WEIGHTS)) {
                throw new WfnetException(source + " keeps its weights in " + NPZ_WEIGHTS + ", which is refused: an .npz"
                        + " may hold pickled objects; save the model with Keras's default weights format (.h5 inside"
                        + " the .keras file)");
            }
            byte[] config = zip.read(CONFIG, KerasConfig.MAX_CHARS);
            zip.checkInflation(WEIGHTS);
            byte[] weights = zip.read(WEIGHTS, MAX_WEIGHTS_BYTES);
            HdfFile hdf = hdf(source, () -> HdfFile.fromBytes(weights));
            try {
                KerasFiles.Read read = guarded(source, () -> KerasFiles.readV3(config, hdf, source));
                return KerasSources.content(ID, read.spec(), source, read.notes(), null);
            } finally {
                hdf.close();
            }
        }
    }

    /** Something read from HDF5 that may throw. */
    interface HdfWork<T> {
        T run() throws WfnetException;
    }

    /** Opens an HDF5 file, turning jhdf's failures (a truncated or damaged file) into a domain error. */
    static HdfFile hdf(String source, HdfWork<HdfFile> open) throws WfnetException {
        return guarded(source, open);
    }

    /**
     * Runs HDF5 reading, turning jhdf's unchecked failures on damaged files into a domain error:
     * a damaged file can fail anywhere inside the library, with any runtime exception.
     */
    static <T> T guarded(String source, HdfWork<T> work) throws WfnetException {
        try {
            return work.run();
        } catch (WfnetException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new WfnetException(source + ": cannot read the HDF5 data (" + message.lines().findFirst().orElse("")
                    + "); the file is damaged or not a Keras model", e);
        }
    }
}
