package dev.wfnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.WfnetException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {

    @TempDir
    Path root;

    private static BufferedImage uniform(int width, int height, int red, int green, int blue) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, red << 16 | green << 8 | blue);
            }
        }
        return image;
    }

    private static Path write(Path file, BufferedImage image) throws IOException {
        Files.createDirectories(file.getParent());
        String name = file.getFileName().toString();
        String format = name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
        assertTrue(ImageIO.write(image, format.equals("jpg") ? "jpeg" : format, file.toFile()));
        return file;
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    /** cat/ holds two (200,100,50) images, bird/ one (10,20,30) image, all 8x6. */
    private void writeTwoClasses(Path dir) throws IOException {
        write(dir.resolve("cat/b.png"), uniform(8, 6, 200, 100, 50));
        write(dir.resolve("cat/a.png"), uniform(8, 6, 200, 100, 50));
        write(dir.resolve("bird/only.png"), uniform(8, 6, 10, 20, 30));
    }

    @Test
    void classesAreSortedFolderNamesAndGreyIsLuminance() throws Exception {
        writeTwoClasses(root);

        ImageDataset data = ImageFolderReader.read("pets", root, new ImageShape(1, 4, 4));

        assertEquals(List.of("bird", "cat"), data.classNames());
        assertArrayEquals(new int[] {0, 1, 1}, data.labels());
        assertEquals(new ImageShape(1, 4, 4), data.shape());
        // luminance 0.299 R + 0.587 G + 0.114 B:
        // bird (10,20,30): 2.99 + 11.74 + 3.42 = 18.15 -> 18
        // cat (200,100,50): 59.8 + 58.7 + 5.7 = 124.2 -> 124
        byte[] expected = new byte[3 * 16];
        System.arraycopy(filled(16, 18), 0, expected, 0, 16);
        System.arraycopy(filled(32, 124), 0, expected, 16, 32);
        assertArrayEquals(expected, data.pixels());
    }

    @Test
    void rgbKeepsTheThreePlanesOfAUniformImageThroughAreaAveraging() throws Exception {
        writeTwoClasses(root);

        ImageDataset data = ImageFolderReader.read("pets", root, new ImageShape(3, 3, 5));

        byte[] cat = new byte[3 * 15];
        System.arraycopy(filled(15, 200), 0, cat, 0, 15);
        System.arraycopy(filled(15, 100), 0, cat, 15, 15);
        System.arraycopy(filled(15, 50), 0, cat, 30, 15);
        assertArrayEquals(cat, Arrays.copyOfRange(data.pixels(), 45, 90));
        assertEquals(10, data.pixel(0, 0));
        assertEquals(20, data.pixel(0, 15));
        assertEquals(30, data.pixel(0, 44));
    }

    @Test
    void enlargingAUniformImageBilinearlyKeepsItUniform() throws Exception {
        write(root.resolve("only/x.png"), uniform(3, 2, 200, 100, 50));

        ImageDataset data = ImageFolderReader.read("big", root, new ImageShape(3, 9, 7));

        byte[] expected = new byte[3 * 63];
        System.arraycopy(filled(63, 200), 0, expected, 0, 63);
        System.arraycopy(filled(63, 100), 0, expected, 63, 63);
        System.arraycopy(filled(63, 50), 0, expected, 126, 63);
        assertArrayEquals(expected, data.pixels());
    }

    @Test
    void shrinkingAveragesTheCoveredArea() throws Exception {
        // one row of grey 0, 90, 180 shrunk to two pixels, each covering 1.5 source pixels:
        // left (0 * 1 + 90 * 0.5) / 1.5 = 30, right (90 * 0.5 + 180 * 1) / 1.5 = 150
        BufferedImage row = uniform(3, 1, 0, 0, 0);
        row.setRGB(1, 0, 0x5A5A5A);
        row.setRGB(2, 0, 0xB4B4B4);
        write(root.resolve("only/row.png"), row);

        ImageDataset data = ImageFolderReader.read("row", root, new ImageShape(1, 1, 2));

        assertArrayEquals(new byte[] {30, (byte) 150}, data.pixels());
    }

    @Test
    void greyPngKeepsItsStoredValues() throws Exception {
        BufferedImage grey = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSamples(0, 0, 2, 2, 0, new int[] {0, 128, 200, 255});
        write(root.resolve("only/grey.png"), grey);

        ImageDataset one = ImageFolderReader.read("g", root, new ImageShape(1, 2, 2));
        ImageDataset three = ImageFolderReader.read("g", root, new ImageShape(3, 2, 2));

        // Java2D's own grey-to-sRGB conversion would turn 128 into 188
        assertArrayEquals(IdxBytes.bytes(0, 128, 200, 255), one.pixels());
        assertArrayEquals(IdxBytes.bytes(0, 128, 200, 255, 0, 128, 200, 255, 0, 128, 200, 255),
                three.pixels());
    }

    @Test
    void alphaIsDroppedNotBlended() throws Exception {
        BufferedImage transparent = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 2; x++) {
                transparent.setRGB(x, y, 0x00C86432); // alpha 0, colour (200, 100, 50)
            }
        }
        write(root.resolve("only/t.png"), transparent);

        ImageDataset data = ImageFolderReader.read("t", root, new ImageShape(1, 2, 2));

        assertArrayEquals(filled(4, 124), data.pixels());
    }

    @Test
    void luminanceMatchesTheFormulaWithRounding() {
        assertEquals(124, ImageConversion.luminance(200, 100, 50));
        assertEquals(18, ImageConversion.luminance(10, 20, 30));
        assertEquals(255, ImageConversion.luminance(255, 255, 255));
        assertEquals(76, ImageConversion.luminance(255, 0, 0));    // 76.245
        assertEquals(150, ImageConversion.luminance(0, 255, 0));   // 149.685
        assertEquals(29, ImageConversion.luminance(0, 0, 255));    // 29.07
        for (int v = 0; v < 256; v++) {
            assertEquals(v, ImageConversion.luminance(v, v, v));
        }
    }

    @Test
    void imagesAreTakenInSortedOrderAndHiddenOrOtherFilesAreSkipped() throws Exception {
        write(root.resolve("only/b.png"), uniform(2, 2, 20, 20, 20));
        write(root.resolve("only/a.PNG"), uniform(2, 2, 10, 10, 10));
        write(root.resolve("only/sub/c.jpg"), uniform(2, 2, 30, 30, 30));
        Files.writeString(root.resolve("only/._a.png"), "macOS resource fork, not an image");
        Files.writeString(root.resolve("only/notes.txt"), "not an image");
        Files.createDirectories(root.resolve(".thumbnails"));

        ImageDataset data = ImageFolderReader.read("order", root, new ImageShape(1, 1, 1));

        assertEquals(List.of("only"), data.classNames());
        assertEquals(3, data.size());
        assertEquals(10, data.pixel(0, 0));
        assertEquals(20, data.pixel(1, 0));
        assertTrue(Math.abs(data.pixel(2, 0) - 30) <= 2, "JPEG is lossy: " + data.pixel(2, 0));
    }

    @Test
    void unreadableImageIsNamed() throws Exception {
        writeTwoClasses(root);
        Path broken = Files.writeString(root.resolve("cat/broken.png"), "this is not a PNG");

        WfnetException e = assertThrows(WfnetException.class,
                () -> ImageFolderReader.read("pets", root, new ImageShape(1, 4, 4)));

        assertTrue(e.getMessage().startsWith(broken + " cannot be read as an image"), e.getMessage());
    }

    @Test
    void emptyClassFolderIsAnError() throws Exception {
        writeTwoClasses(root);
        Path empty = Files.createDirectories(root.resolve("dog"));

        WfnetException e = assertThrows(WfnetException.class,
                () -> ImageFolderReader.read("pets", root, new ImageShape(1, 4, 4)));

        assertEquals("class folder " + empty + " is empty: it has no .png, .jpg, .jpeg images",
                e.getMessage());
    }

    @Test
    void folderWithoutClassFoldersIsAnError() throws Exception {
        write(root.resolve("loose.png"), uniform(2, 2, 1, 2, 3));

        WfnetException e = assertThrows(WfnetException.class,
                () -> ImageFolderReader.read("x", root, new ImageShape(1, 4, 4)));

        assertTrue(e.getMessage().startsWith(root + " has no class folders"), e.getMessage());
        assertTrue(e.getMessage().endsWith("the images lie directly in " + root), e.getMessage());
    }

    @Test
    void splitsShareTheTrainingClassesAndRejectUnknownTestFolders() throws Exception {
        writeTwoClasses(root.resolve("train"));
        write(root.resolve("test/cat/x.png"), uniform(8, 6, 200, 100, 50));

        DatasetSplits splits = ImageFolderReader.readSplits(root, new ImageShape(1, 4, 4));

        assertEquals(List.of("bird", "cat"), splits.test().classNames());
        assertArrayEquals(new int[] {1}, splits.test().labels());
        assertEquals(root.getFileName() + "/train", splits.train().name());

        write(root.resolve("test/dog/y.png"), uniform(8, 6, 1, 1, 1));
        WfnetException e = assertThrows(WfnetException.class,
                () -> ImageFolderReader.readSplits(root, new ImageShape(1, 4, 4)));
        assertTrue(e.getMessage().startsWith(root.resolve("test/dog") + " is not one of the classes"
                + " [bird, cat]"), e.getMessage());
    }

    @Test
    void splitsNeedTrainAndTestFolders() throws Exception {
        writeTwoClasses(root.resolve("train"));

        WfnetException e = assertThrows(WfnetException.class,
                () -> ImageFolderReader.readSplits(root, new ImageShape(1, 4, 4)));

        assertTrue(e.getMessage().startsWith(root + " needs two folders, train/ and test/"),
                e.getMessage());
    }

    @Test
    void onlyOneOrThreeChannelsAreOffered() throws Exception {
        writeTwoClasses(root);

        WfnetException e = assertThrows(WfnetException.class,
                () -> ImageFolderReader.read("x", root, new ImageShape(2, 4, 4)));

        assertTrue(e.getMessage().contains("1 (grey) or 3 (RGB) channels, not 2"), e.getMessage());
    }
}
