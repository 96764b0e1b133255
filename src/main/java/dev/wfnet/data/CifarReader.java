package dev.wfnet.data;

import dev.wfnet.WfnetException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the binary versions of CIFAR-10 and CIFAR-100. Each record is the label byte(s) followed
 * by 3072 pixel bytes, already in the 3 x 32 x 32 (red plane, green plane, blue plane) order the
 * networks read, so pixels are copied straight into the dataset without conversion.
 *
 * <ul>
 *   <li>CIFAR-10 ({@code cifar-10-batches-bin/}): 1 label byte per record; training batches
 *       {@code data_batch_1.bin} to {@code data_batch_5.bin}, test batch {@code test_batch.bin},
 *       names in {@code batches.meta.txt}.</li>
 *   <li>CIFAR-100 ({@code cifar-100-binary/}): a coarse and a fine label byte per record; the
 *       fine label (100 classes) is used; {@code train.bin}, {@code test.bin}, names in
 *       {@code fine_label_names.txt}.</li>
 * </ul>
 * The directory given may be the unpacked folder itself or the folder that contains it.
 */
public final class CifarReader {

    /** The shape of every CIFAR image. */
    public static final ImageShape SHAPE = new ImageShape(3, 32, 32);

    static final String CIFAR10_FOLDER = "cifar-10-batches-bin";
    static final String CIFAR100_FOLDER = "cifar-100-binary";
    private static final List<String> CIFAR10_TRAIN = List.of("data_batch_1.bin",
            "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");

    private CifarReader() {
    }

    /** How a record starts: how many label bytes, and which of them is the class. */
    private record Layout(String format, int labelBytes, int labelIndex) {
        int recordBytes() {
            return labelBytes + SHAPE.pixelCount();
        }
    }

    private static final Layout CIFAR10 = new Layout("CIFAR-10", 1, 0);
    private static final Layout CIFAR100 = new Layout("CIFAR-100", 2, 1);

    /** Reads CIFAR-10's five training batches and its test batch. */
    public static DatasetSplits readCifar10(Path dir) throws WfnetException {
        Path root = locate(dir, CIFAR10_FOLDER, "data_batch_1.bin");
        List<String> names = classNames(root.resolve("batches.meta.txt"), CifarClassNames.CIFAR10);
        List<Path> train = new ArrayList<>();
        for (String batch : CIFAR10_TRAIN) {
            train.add(root.resolve(batch));
        }
        return new DatasetSplits(readCifar10Batches("cifar10/train", train, names),
                readCifar10Batches("cifar10/test", List.of(root.resolve("test_batch.bin")), names));
    }

    /** Reads CIFAR-100's training and test files with their fine labels. */
    public static DatasetSplits readCifar100(Path dir) throws WfnetException {
        Path root = locate(dir, CIFAR100_FOLDER, "train.bin");
        List<String> names = classNames(root.resolve("fine_label_names.txt"),
                CifarClassNames.CIFAR100_FINE);
        return new DatasetSplits(readCifar100File("cifar100/train", root.resolve("train.bin"), names),
                readCifar100File("cifar100/test", root.resolve("test.bin"), names));
    }

    /** Reads CIFAR-10 batch files, in the given order, into one dataset. */
    public static ImageDataset readCifar10Batches(String name, List<Path> batches,
                                                  List<String> classNames) throws WfnetException {
        return readRecords(name, batches, CIFAR10, classNames);
    }

    /** Reads one CIFAR-100 binary file, keeping the fine label. */
    public static ImageDataset readCifar100File(String name, Path file, List<String> fineClassNames)
            throws WfnetException {
        return readRecords(name, List.of(file), CIFAR100, fineClassNames);
    }

    /**
     * Class names from a file of one name per line (blank lines ignored), or the built-in list
     * when the file is absent. A file with the wrong number of names is an error, not a fallback.
     */
    static List<String> classNames(Path file, List<String> builtIn) throws WfnetException {
        if (!Files.exists(file)) {
            return builtIn;
        }
        List<String> names;
        try {
            names = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw DataFiles.cannotRead(file, e);
        }
        if (names.size() != builtIn.size()) {
            throw new WfnetException(file + " names " + names.size() + " classes, expected "
                    + builtIn.size() + " (one per line)");
        }
        return names;
    }

    private static Path locate(Path dir, String folder, String marker) throws WfnetException {
        if (!Files.isDirectory(dir)) {
            throw new WfnetException(dir + (Files.isRegularFile(dir)
                    ? " is a file; unpack the archive and give the directory it makes"
                    : " is not a directory"));
        }
        if (!Files.exists(dir.resolve(marker)) && Files.isDirectory(dir.resolve(folder))) {
            return dir.resolve(folder);
        }
        return dir;
    }

    private static ImageDataset readRecords(String name, List<Path> files, Layout layout,
                                            List<String> classNames) throws WfnetException {
        int recordBytes = layout.recordBytes();
        long total = 0;
        for (Path file : files) {
            total += recordCount(file, layout);
        }
        if (total * SHAPE.pixelCount() > Integer.MAX_VALUE - 64) {
            throw new WfnetException(name + ": " + total + " images of " + SHAPE
                    + " are more than one array can hold");
        }
        byte[] pixels = new byte[(int) total * SHAPE.pixelCount()];
        int[] labels = new int[(int) total];
        byte[] record = new byte[recordBytes];
        int image = 0;
        for (Path file : files) {
            try (InputStream in = DataFiles.open(file)) {
                for (int r = 0; ; r++) {
                    int n = DataFiles.readUpTo(in, record, 0, recordBytes, file);
                    if (n == 0) {
                        break;
                    }
                    if (n < recordBytes) {
                        throw new WfnetException(file + " changed while being read: record " + r
                                + " is incomplete");
                    }
                    int label = record[layout.labelIndex()] & 0xFF;
                    if (label >= classNames.size()) {
                        throw new WfnetException(file + " has label " + label + " in record " + r
                                + ", but " + layout.format() + " has " + classNames.size()
                                + " classes (labels 0 to " + (classNames.size() - 1) + ")");
                    }
                    labels[image] = label;
                    System.arraycopy(record, layout.labelBytes(), pixels,
                            image * SHAPE.pixelCount(), SHAPE.pixelCount());
                    image++;
                }
            } catch (IOException e) {
                throw DataFiles.cannotRead(file, e);
            }
        }
        return new ImageDataset(name, SHAPE, pixels, labels, classNames);
    }

    private static long recordCount(Path file, Layout layout) throws WfnetException {
        if (!Files.isRegularFile(file)) {
            throw new WfnetException(file + " does not exist; a " + layout.format()
                    + " directory holds " + (layout == CIFAR10
                    ? String.join(", ", CIFAR10_TRAIN) + " and test_batch.bin"
                    : "train.bin and test.bin") + " (the binary version, not the Python one)");
        }
        if (DataFiles.isGzip(file)) {
            throw new WfnetException(file + " is gzipped; unpack the " + layout.format()
                    + " archive first (tar xzf)");
        }
        long size = DataFiles.size(file);
        int recordBytes = layout.recordBytes();
        if (size == 0) {
            throw new WfnetException(file + " is empty");
        }
        if (size % recordBytes != 0) {
            throw new WfnetException(file + " is not a whole number of " + layout.format()
                    + " records: its " + size + " bytes leave " + size % recordBytes
                    + " over after the last whole " + recordBytes + "-byte record ("
                    + layout.labelBytes() + " label + " + SHAPE.pixelCount() + " pixels); the"
                    + " file is truncated or not " + layout.format());
        }
        return size / recordBytes;
    }
}
