package dev.wfnet.app.modeldata;

import java.nio.file.Path;
import java.util.List;

/**
 * A dataset the view offers by name.
 *
 * @param label what the user reads
 * @param spec the dataset spec it stands for
 */
public record DatasetChoice(String label, String spec) {

    public static final DatasetChoice BUNDLED =
            new DatasetChoice("Bundled Fashion-MNIST subset (2,000 test images)", "fashion-mnist-bundled");
    public static final DatasetChoice SYSTEM =
            new DatasetChoice("System Fashion-MNIST (full 10,000 test images when installed)", "fashion-mnist");

    public static List<DatasetChoice> standard() {
        return List.of(BUNDLED, SYSTEM);
    }

    /** A folder with {@code train/} and {@code test/}, one sub-folder per class. */
    public static DatasetChoice folder(Path directory) {
        return new DatasetChoice("Image folder " + directory, "folder:" + directory.toAbsolutePath());
    }

    @Override
    public String toString() {
        return label;
    }
}
