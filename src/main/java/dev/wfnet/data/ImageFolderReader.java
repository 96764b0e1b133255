package dev.wfnet.data;

import dev.wfnet.WfnetException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reads a folder of images laid out as torchvision's {@code ImageFolder} expects:
 * {@code root/<class name>/**.png|jpg|jpeg}. Classes are the folder names in sorted order (so
 * label values agree with a model trained by torchvision on the same folder), images are taken in
 * sorted path order, and each is converted to the requested shape by {@link ImageConversion}.
 *
 * <p>Hidden files and folders (a leading dot, such as macOS's {@code ._name.png} resource forks)
 * and files with other extensions are skipped.
 */
public final class ImageFolderReader {

    /** File extensions read, compared without regard to case. */
    public static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg");

    private ImageFolderReader() {
    }

    /** Reads {@code root/train} and {@code root/test}; the classes are those of {@code train}. */
    public static DatasetSplits readSplits(Path root, ImageShape shape) throws WfnetException {
        requireDirectory(root);
        String name = root.toAbsolutePath().normalize().getFileName() == null ? "images"
                : root.toAbsolutePath().normalize().getFileName().toString();
        Path trainDir = root.resolve("train");
        Path testDir = root.resolve("test");
        if (!Files.isDirectory(trainDir) || !Files.isDirectory(testDir)) {
            throw new WfnetException(root + " needs two folders, train/ and test/, each holding one"
                    + " folder of images per class (" + root.resolve("train") + "/<class>/*.png)");
        }
        ImageDataset train = read(name + "/train", trainDir, shape);
        ImageDataset test = read(name + "/test", testDir, shape, train.classNames());
        return new DatasetSplits(train, test);
    }

    /** Reads a folder whose sub-folders name the classes. */
    public static ImageDataset read(String name, Path root, ImageShape shape)
            throws WfnetException {
        return read(name, root, shape, classFolders(root));
    }

    /**
     * Reads a folder against a fixed list of classes, as a test split is read against the classes
     * of its training split: every sub-folder must be one of them, though a class may be absent.
     */
    public static ImageDataset read(String name, Path root, ImageShape shape,
                                    List<String> classNames) throws WfnetException {
        if (shape.channels() != 1 && shape.channels() != 3) {
            throw new WfnetException("images in " + root + " can be converted to 1 (grey) or 3"
                    + " (RGB) channels, not " + shape.channels() + " as " + shape + " asks");
        }
        List<String> folders = classFolders(root);
        List<Path> files = new ArrayList<>();
        List<Integer> fileLabels = new ArrayList<>();
        for (String folder : folders) {
            int label = classNames.indexOf(folder);
            if (label < 0) {
                throw new WfnetException(root.resolve(folder) + " is not one of the classes "
                        + classNames + "; every folder of a test split must also be in train/");
            }
            List<Path> images = imageFiles(root.resolve(folder));
            files.addAll(images);
            images.forEach(image -> fileLabels.add(label));
        }
        byte[] pixels = new byte[Math.multiplyExact(files.size(), shape.pixelCount())];
        int[] labels = new int[files.size()];
        for (int i = 0; i < files.size(); i++) {
            ImageConversion.toPixels(decode(files.get(i)), shape, pixels, i * shape.pixelCount());
            labels[i] = fileLabels.get(i);
        }
        return new ImageDataset(name, shape, pixels, labels, classNames);
    }

    /** The names of the class folders under {@code root}, sorted; an error if there are none. */
    public static List<String> classFolders(Path root) throws WfnetException {
        requireDirectory(root);
        List<String> folders;
        boolean hasImages;
        try (Stream<Path> children = Files.list(root)) {
            List<Path> visible = children.filter(path -> !isHidden(path)).toList();
            folders = visible.stream().filter(Files::isDirectory)
                    .map(path -> path.getFileName().toString()).sorted().toList();
            hasImages = visible.stream().anyMatch(ImageFolderReader::isImageFile);
        } catch (IOException e) {
            throw DataFiles.cannotRead(root, e);
        }
        if (folders.isEmpty()) {
            throw new WfnetException(root + " has no class folders: expected one folder per class,"
                    + " named after it, holding that class's images (" + root
                    + "/<class>/*.png)" + (hasImages ? "; the images lie directly in " + root : ""));
        }
        return folders;
    }

    private static List<Path> imageFiles(Path classDir) throws WfnetException {
        List<Path> images;
        try (Stream<Path> tree = Files.walk(classDir)) {
            images = tree.filter(path -> !hasHiddenPart(classDir.relativize(path)))
                    .filter(ImageFolderReader::isImageFile).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            IOException cause = e instanceof IOException io ? io
                    : ((java.io.UncheckedIOException) e).getCause();
            throw DataFiles.cannotRead(classDir, cause);
        }
        if (images.isEmpty()) {
            throw new WfnetException("class folder " + classDir + " is empty: it has no ."
                    + String.join(", .", EXTENSIONS) + " images");
        }
        return images;
    }

    private static BufferedImage decode(Path file) throws WfnetException {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new WfnetException(file + " cannot be read as an image: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + " (damaged, or not really a PNG/JPEG?)", e);
        }
        if (image == null) {
            throw new WfnetException(file + " cannot be read as an image: no decoder recognises"
                    + " its content (damaged, or not really a PNG/JPEG?)");
        }
        return image;
    }

    private static boolean isImageFile(Path path) {
        String fileName = path.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return dot > 0 && Files.isRegularFile(path)
                && EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static boolean isHidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }

    private static boolean hasHiddenPart(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static void requireDirectory(Path dir) throws WfnetException {
        if (!Files.isDirectory(dir)) {
            throw new WfnetException(dir + (Files.exists(dir) ? " is not a directory"
                    : " does not exist"));
        }
    }
}
