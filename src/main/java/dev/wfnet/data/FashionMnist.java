package dev.wfnet.data;

import dev.wfnet.WfnetException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fashion-MNIST (Zalando, MIT licence): the dataset the workbench works with out of the box.
 * The full set comes from the system ({@code apt-get install dataset-fashion-mnist}) or any
 * directory; a balanced subset ships with the project so that everything works without it.
 */
public final class FashionMnist {

    /** The ten classes, by label value, as Zalando names them. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover",
            "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Where Debian's {@code dataset-fashion-mnist} package installs the full set. */
    public static final Path SYSTEM_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    /** System property naming the assets directory that holds {@code fashion-mnist/}. */
    public static final String ASSETS_PROPERTY = "wfnet.assets";

    private static final Path BUNDLED_RELATIVE = Path.of("assets", "fashion-mnist");

    private FashionMnist() {
    }

    /** Reads the full set from the four standard IDX files in {@code dir}. */
    public static DatasetSplits loadFull(Path dir) throws WfnetException {
        return IdxSplitFiles.in(dir).load("fashion-mnist", CLASS_NAMES);
    }

    /** The system's full set, if the Debian package (or an equivalent copy) is installed. */
    public static Optional<Path> systemDirectory() {
        return IdxSplitFiles.find(SYSTEM_DIRECTORY).map(files -> SYSTEM_DIRECTORY);
    }

    /** The subset bundled with the project: 600 training and 200 test images per class. */
    public static DatasetSplits loadBundled() throws WfnetException {
        return IdxSplitFiles.in(bundledDirectory()).load("fashion-mnist-bundled", CLASS_NAMES);
    }

    /** The full set when the system has it, else the bundled subset. */
    public static DatasetSplits loadBest() throws WfnetException {
        Optional<Path> system = systemDirectory();
        return system.isPresent() ? loadFull(system.get()) : loadBundled();
    }

    /**
     * Finds the bundled subset: under the directory named by the system property
     * {@value #ASSETS_PROPERTY} when it is set (and nowhere else, so a wrong setting is reported
     * rather than silently bypassed); else {@code assets/fashion-mnist} in the working directory;
     * else in the nearest directory above the running code (target/classes in a build, the
     * application directory in an installed copy) that has one.
     */
    public static Path bundledDirectory() throws WfnetException {
        String property = System.getProperty(ASSETS_PROPERTY);
        if (property != null && !property.isBlank()) {
            Path dir = Path.of(property).resolve("fashion-mnist");
            if (IdxSplitFiles.find(dir).isEmpty()) {
                throw new WfnetException("-D" + ASSETS_PROPERTY + "=" + property + " has no bundled"
                        + " Fashion-MNIST subset: " + dir + " lacks the four IDX files");
            }
            return dir;
        }
        List<Path> tried = new ArrayList<>();
        Path working = BUNDLED_RELATIVE.toAbsolutePath();
        tried.add(working);
        if (IdxSplitFiles.find(working).isPresent()) {
            return working;
        }
        Optional<Path> code = codeLocation();
        if (code.isPresent()) {
            for (Path dir = code.get(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(BUNDLED_RELATIVE);
                tried.add(candidate);
                if (IdxSplitFiles.find(candidate).isPresent()) {
                    return candidate;
                }
            }
        }
        throw new WfnetException("the bundled Fashion-MNIST subset was not found (looked in "
                + String.join(", ", tried.stream().map(Path::toString).toList()) + "); set -D"
                + ASSETS_PROPERTY + "=<assets directory> or run from the project directory");
    }

    private static Optional<Path> codeLocation() {
        try {
            CodeSource source = FashionMnist.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            return Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath());
        } catch (URISyntaxException | IllegalArgumentException | SecurityException
                 | java.nio.file.FileSystemNotFoundException e) {
            // not a file on disk (a custom class loader, a jrt image): the other places remain
            return Optional.empty();
        }
    }
}
