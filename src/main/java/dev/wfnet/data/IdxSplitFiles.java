package dev.wfnet.data;

import dev.wfnet.WfnetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The four IDX files of a train/test split under their standard names
 * ({@code train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz},
 * {@code t10k-images-idx3-ubyte.gz}, {@code t10k-labels-idx1-ubyte.gz}), as MNIST, Fashion-MNIST
 * and KMNIST publish them. Each may also be present unpacked, without {@code .gz}; the gzipped
 * one is preferred when both are there, since that is the file as published.
 */
public record IdxSplitFiles(Path trainImages, Path trainLabels, Path testImages, Path testLabels) {

    /** The standard base names, in the order of the record's components. */
    public static final List<String> STANDARD_NAMES = List.of("train-images-idx3-ubyte",
            "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    /** The four gzipped standard names in {@code dir}, whether or not they exist: where {@link #write} puts a set. */
    public static IdxSplitFiles gzippedIn(Path dir) {
        List<Path> files = gzNames().stream().map(dir::resolve).toList();
        return new IdxSplitFiles(files.get(0), files.get(1), files.get(2), files.get(3));
    }

    /** The four files in {@code dir}, if all of them are there. */
    public static Optional<IdxSplitFiles> find(Path dir) {
        Path[] found = new Path[STANDARD_NAMES.size()];
        for (int i = 0; i < found.length; i++) {
            Optional<Path> file = resolve(dir, STANDARD_NAMES.get(i));
            if (file.isEmpty()) {
                return Optional.empty();
            }
            found[i] = file.get();
        }
        return Optional.of(new IdxSplitFiles(found[0], found[1], found[2], found[3]));
    }

    /** The four files in {@code dir}, or an error naming the ones that are missing. */
    public static IdxSplitFiles in(Path dir) throws WfnetException {
        if (!Files.isDirectory(dir)) {
            throw new WfnetException(dir + " is not a directory; expected a directory holding "
                    + String.join(", ", gzNames()));
        }
        Optional<IdxSplitFiles> files = find(dir);
        if (files.isPresent()) {
            return files.get();
        }
        List<String> missing = new ArrayList<>();
        for (String name : STANDARD_NAMES) {
            if (resolve(dir, name).isEmpty()) {
                missing.add(name + ".gz");
            }
        }
        throw new WfnetException(dir + " lacks " + String.join(", ", missing)
                + " (plain or gzipped); an IDX dataset directory holds the four files "
                + String.join(", ", gzNames()));
    }

    /** Reads both splits, naming them {@code <name>/train} and {@code <name>/test}. */
    public DatasetSplits load(String name, List<String> classNames) throws WfnetException {
        ImageDataset train = IdxReader.read(name + "/train", trainImages, trainLabels, classNames);
        ImageDataset test = IdxReader.read(name + "/test", testImages, testLabels, classNames);
        if (!train.shape().equals(test.shape())) {
            throw new WfnetException(trainImages + " has images of " + train.shape() + " but "
                    + testImages + " has " + test.shape() + "; both splits must match");
        }
        return new DatasetSplits(train, test);
    }

    /** Writes both splits to these four files (see {@link IdxWriter}), each gzipped when its name ends in .gz. */
    public void write(DatasetSplits splits) throws WfnetException {
        IdxWriter.write(splits.train(), trainImages, trainLabels, trainImages.toString().endsWith(".gz"));
        IdxWriter.write(splits.test(), testImages, testLabels, testImages.toString().endsWith(".gz"));
    }

    private static Optional<Path> resolve(Path dir, String baseName) {
        Path gz = dir.resolve(baseName + ".gz");
        if (Files.isRegularFile(gz)) {
            return Optional.of(gz);
        }
        Path plain = dir.resolve(baseName);
        return Files.isRegularFile(plain) ? Optional.of(plain) : Optional.empty();
    }

    private static List<String> gzNames() {
        return STANDARD_NAMES.stream().map(name -> name + ".gz").toList();
    }
}
