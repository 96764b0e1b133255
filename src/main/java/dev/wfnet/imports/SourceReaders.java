package dev.wfnet.imports;

import dev.wfnet.WfnetException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every source format the import reads, and the choice of reader for a file by its content (never
 * by its extension alone: a {@code .pth} may be a zip archive, a legacy file or a TorchScript
 * archive). A new format is one more entry here.
 */
public final class SourceReaders {
    private static final List<SourceReader> READERS = List.of(new TorchScriptReader(), new TorchZipReader(),
            new TorchLegacyReader(), new SafetensorsReader(), new KerasArchiveReader(), new KerasH5Reader(),
            new SavedModelReader());

    private SourceReaders() {
    }

    public static List<SourceReader> all() {
        return READERS;
    }

    /** The reader of a file, or an error saying what the file seems to be. */
    public static SourceReader forFile(Path file) throws WfnetException {
        FileProbe probe = FileProbe.of(file);
        for (SourceReader reader : READERS) {
            if (reader.accepts(probe)) {
                return reader;
            }
        }
        throw new WfnetException(file + " is not a format the import reads (" + READERS.stream()
                .map(SourceReader::description).collect(Collectors.joining("; ")) + ")" + hint(probe));
    }

    /** Whether some reader takes the file; for telling dropped files apart without an error. */
    public static boolean canRead(Path file) {
        try {
            forFile(file);
            return true;
        } catch (WfnetException e) {
            return false;
        }
    }

    private static String hint(FileProbe probe) {
        if (probe.directory()) {
            return ": it is a directory without saved_model.pb (a TensorFlow SavedModel is a directory with"
                    + " saved_model.pb and variables/)";
        }
        if (probe.head().length == 0) {
            return ": it is empty";
        }
        if (probe.isZip() && probe.zipEntries().stream().allMatch(name -> name.endsWith(".npy"))) {
            return ": it is a NumPy .npz archive, which is refused: an .npz may hold pickled objects (np.load with"
                    + " allow_pickle runs them); save a Keras model with model.save('model.keras') or a PyTorch one"
                    + " as .safetensors";
        }
        if (probe.isZip()) {
            return ": it is a zip file of something else";
        }
        if (probe.startsWith(0x80) || probe.startsWith('(') || probe.startsWith(']') || probe.startsWith('}')) {
            return ": it looks like a plain Python pickle, not a torch.save file; save the weights with"
                    + " torch.save(model.state_dict(), 'weights.pth') or as .safetensors";
        }
        if (probe.startsWith(0x93, 'N', 'U', 'M', 'P', 'Y')) {
            return ": it is a NumPy .npy file";
        }
        byte[] head = probe.head();
        if (head.length > 262 && new String(head, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar")) {
            return ": it is a tar file (PyTorch 0.1-0.3 wrote those), which is not supported";
        }
        return "";
    }
}
