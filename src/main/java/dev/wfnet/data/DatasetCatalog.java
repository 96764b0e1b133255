package dev.wfnet.data;

import dev.wfnet.WfnetException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Loads the dataset a spec names ({@link DatasetSpec}): the one place that maps the command
 * line's and the window's dataset choice onto a reader, so both offer exactly the same sets.
 */
public final class DatasetCatalog {

    /** The class names of MNIST and of IDX sets without names of their own. */
    public static final List<String> DIGIT_CLASS_NAMES =
            IntStream.range(0, 10).mapToObj(Integer::toString).toList();

    private DatasetCatalog() {
    }

    /**
     * Parses and loads a spec.
     *
     * @param folderShape the shape images of a {@code folder:} dataset are converted to (the
     *     model's input); may be null for the other kinds, which have a shape of their own
     */
    public static DatasetSplits load(String spec, ImageShape folderShape) throws WfnetException {
        return load(DatasetSpec.parse(spec), folderShape);
    }

    /** Loads a parsed spec; see {@link #load(String, ImageShape)}. */
    public static DatasetSplits load(DatasetSpec spec, ImageShape folderShape)
            throws WfnetException {
        Path dir = spec.directory().orElse(null);
        return switch (spec.kind()) {
            case FASHION_MNIST -> dir == null ? FashionMnist.loadBest() : FashionMnist.loadFull(dir);
            case FASHION_MNIST_BUNDLED -> FashionMnist.loadBundled();
            case MNIST -> IdxSplitFiles.in(dir).load("mnist", DIGIT_CLASS_NAMES);
            case IDX -> IdxSplitFiles.in(dir).load("idx", DIGIT_CLASS_NAMES);
            case CIFAR10 -> CifarReader.readCifar10(dir);
            case CIFAR100 -> CifarReader.readCifar100(dir);
            case FOLDER -> {
                if (folderShape == null) {
                    throw new WfnetException("dataset '" + spec + "' is a folder of images: it"
                            + " needs the image shape to convert to (the model's input shape)");
                }
                yield ImageFolderReader.readSplits(dir, folderShape);
            }
        };
    }

    /** Every accepted spec form, one per line. */
    public static String acceptedForms() {
        return DatasetSpec.acceptedForms();
    }
}
