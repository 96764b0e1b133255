package dev.wfnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.WfnetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    private static final List<String> THREE = List.of("a", "b", "c");
    /** Three 2x3 images; values above 127 check that bytes are read unsigned. */
    private static final byte[] PIXELS = IdxBytes.bytes(
            0, 1, 2, 3, 4, 5,
            128, 200, 255, 9, 10, 11,
            12, 13, 14, 15, 16, 254);

    @TempDir
    Path dir;

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void readsPlainFilesWithExactPixelsAndLabels() throws Exception {
        Path images = write("images", IdxBytes.images(3, 2, 3, PIXELS));
        Path labels = write("labels", IdxBytes.labels(2, 0, 1));

        ImageDataset data = IdxReader.read("tiny", images, labels, THREE);

        assertEquals("tiny", data.name());
        assertEquals(new ImageShape(1, 2, 3), data.shape());
        assertArrayEquals(PIXELS, data.pixels());
        assertArrayEquals(new int[] {2, 0, 1}, data.labels());
        assertEquals(255, data.pixel(1, 2));
        assertEquals(200, data.pixel(1, 1));
        assertEquals(THREE, data.classNames());
    }

    @Test
    void detectsGzipByContentNotByFileName() throws Exception {
        Path images = write("images-without-gz-suffix", IdxBytes.gzip(IdxBytes.images(3, 2, 3, PIXELS)));
        Path labels = write("labels-that-are-not-gzipped.gz", IdxBytes.labels(2, 0, 1));

        ImageDataset data = IdxReader.read("tiny", images, labels, THREE);

        assertArrayEquals(PIXELS, data.pixels());
        assertArrayEquals(new int[] {2, 0, 1}, data.labels());
    }

    @Test
    void truncatedImageFileNamesTheFileWhatWasPromisedAndWhatIsThere() throws Exception {
        Path images = write("train-images-idx3-ubyte.gz",
                IdxBytes.gzip(IdxBytes.images(60000, 28, 28, new byte[1000])));

        WfnetException e = assertThrows(WfnetException.class, () -> IdxReader.readImages(images));

        assertEquals(images + " is truncated: header promises 60000 images of 28x28 (47040000 bytes),"
                + " file has 1000 bytes after the 16-byte header once decompressed; download it"
                + " again", e.getMessage());
    }

    @Test
    void truncatedPlainFileReportsTheBytesPresent() throws Exception {
        Path images = write("images", IdxBytes.images(4, 2, 3, PIXELS));

        WfnetException e = assertThrows(WfnetException.class, () -> IdxReader.readImages(images));

        assertEquals(images + " is truncated: header promises 4 images of 2x3 (24 bytes), file has"
                + " 18 bytes after the 16-byte header; download it again", e.getMessage());
    }

    @Test
    void gzipStreamCutShortIsReportedAsTruncatedNotAsAStackTrace() throws Exception {
        byte[] pixels = new byte[50 * 28 * 28];
        new java.util.Random(1).nextBytes(pixels);
        byte[] gz = IdxBytes.gzip(IdxBytes.images(50, 28, 28, pixels));
        Path images = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));

        WfnetException e = assertThrows(WfnetException.class, () -> IdxReader.readImages(images));

        assertTrue(e.getMessage().startsWith(images + " is truncated: header promises 50 images of"
                + " 28x28 (39200 bytes), file has "), e.getMessage());
        assertTrue(e.getMessage().contains("once decompressed"), e.getMessage());
    }

    @Test
    void truncatedLabelFileIsReported() throws Exception {
        byte[] full = IdxBytes.labelsWithHeader(0x00000801, 5, 1, 2);
        Path labels = write("labels", full);

        WfnetException e = assertThrows(WfnetException.class, () -> IdxReader.readLabels(labels));

        assertEquals(labels + " is truncated: header promises 5 labels (5 bytes), file has 2 bytes"
                + " after the 8-byte header; download it again", e.getMessage());
    }

    @Test
    void fileShorterThanItsHeaderIsTruncated() throws Exception {
        Path images = write("images", IdxBytes.bytes(0, 0, 8, 3, 0, 0));

        WfnetException e = assertThrows(WfnetException.class, () -> IdxReader.readImages(images));

        assertEquals(images + " is truncated: it has 6 bytes, but an IDX image file starts with a"
                + " 16-byte header", e.getMessage());
    }

    @Test
    void trailingBytesBeyondTheHeaderPromiseAreAnError() throws Exception {
        byte[] extra = Arrays.copyOf(PIXELS, PIXELS.length + 7);
        Path images = write("images", IdxBytes.images(3, 2, 3, extra));

        WfnetException e = assertThrows(WfnetException.class, () -> IdxReader.readImages(images));

        assertEquals(images + " is longer than its header says: header promises 3 images of 2x3"
                + " (18 bytes), file has 25 bytes after the 16-byte header", e.getMessage());
    }

    @Test
    void labelMagicInAnImageFileSuggestsSwappedFiles() throws Exception {
        Path images = write("images", IdxBytes.labels(1, 2));
        Path labels = write("labels", IdxBytes.labels(1));

        WfnetException e = assertThrows(WfnetException.class,
                () -> IdxReader.read("x", images, labels, THREE));

        assertEquals(images + " has magic number 0x00000801, but an IDX image file has 0x00000803"
                + " (this is an IDX label file: are the image and label files swapped?)",
                e.getMessage());
    }

    @Test
    void foreignFileIsNotAnIdxFileAtAll() throws Exception {
        Path png = write("picture.png", IdxBytes.images(0x89504e47, 0, 1, 1, new byte[0]));

        WfnetException e = assertThrows(WfnetException.class, () -> IdxReader.readLabels(png));

        assertEquals(png + " has magic number 0x89504e47, but an IDX label file has 0x00000801"
                + " (this is not an IDX file at all)", e.getMessage());
    }

    @Test
    void nonByteElementTypeIsNamed() throws Exception {
        Path images = write("floats", IdxBytes.images(0x00000d03, 0, 1, 1, new byte[0]));

        WfnetException e = assertThrows(WfnetException.class, () -> IdxReader.readImages(images));

        assertTrue(e.getMessage().contains("magic number 0x00000d03")
                && e.getMessage().contains("element type 0x0d"), e.getMessage());
    }

    @Test
    void imageAndLabelCountsMustAgree() throws Exception {
        Path images = write("train-images", IdxBytes.images(3, 2, 3, PIXELS));
        Path labels = write("t10k-labels", IdxBytes.labels(0, 1));

        WfnetException e = assertThrows(WfnetException.class,
                () -> IdxReader.read("x", images, labels, THREE));

        assertEquals(images + " has 3 images but " + labels + " has 2 labels: each image needs"
                + " exactly one label (are these files from different splits?)", e.getMessage());
    }

    @Test
    void labelBeyondTheClassNamesIsAnError() throws Exception {
        Path images = write("images", IdxBytes.images(3, 2, 3, PIXELS));
        Path labels = write("labels", IdxBytes.labels(0, 3, 1));

        WfnetException e = assertThrows(WfnetException.class,
                () -> IdxReader.read("x", images, labels, THREE));

        assertEquals(labels + " has label 3 for image 1, but only 3 classes are named (labels 0 to"
                + " 2)", e.getMessage());
    }

    @Test
    void corruptDimensionsAreRejected() throws Exception {
        Path images = write("images", IdxBytes.images(1, 0, 3, new byte[0]));

        WfnetException e = assertThrows(WfnetException.class, () -> IdxReader.readImages(images));

        assertEquals(images + " has a corrupt header: images of 0x3", e.getMessage());
    }

    @Test
    void headerPromisingMoreThanAnArrayIsRefusedWithoutAllocating() throws Exception {
        Path images = write("images", IdxBytes.images(100000, 1000, 1000, new byte[10]));

        WfnetException e = assertThrows(WfnetException.class, () -> IdxReader.readImages(images));

        assertTrue(e.getMessage().contains("more than one array can hold"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nowhere-idx3-ubyte.gz");

        WfnetException e = assertThrows(WfnetException.class, () -> IdxReader.readImages(missing));

        assertEquals(missing + " does not exist", e.getMessage());
    }

    @Test
    void corruptGzipIsReportedAsSuch() throws Exception {
        byte[] gz = IdxBytes.gzip(IdxBytes.images(3, 2, 3, PIXELS));
        for (int i = 10; i < gz.length - 8; i++) {
            gz[i] = (byte) 0xFF;
        }
        Path images = write("garbled.gz", gz);

        WfnetException e = assertThrows(WfnetException.class, () -> IdxReader.readImages(images));

        assertTrue(e.getMessage().startsWith(images.toString()), e.getMessage());
    }

    @Test
    void writerRoundTripsThroughTheReaderGzippedAndPlain() throws Exception {
        ImageDataset data = new ImageDataset("tiny", new ImageShape(1, 2, 3), PIXELS,
                new int[] {2, 0, 1}, THREE);
        for (boolean gzip : new boolean[] {true, false}) {
            Path images = dir.resolve("images-" + gzip);
            Path labels = dir.resolve("labels-" + gzip);

            IdxWriter.write(data, images, labels, gzip);

            assertEquals(gzip, DataFiles.isGzip(images));
            assertEquals(data, IdxReader.read("tiny", images, labels, THREE));
        }
        assertArrayEquals(IdxBytes.images(3, 2, 3, PIXELS), Files.readAllBytes(dir.resolve("images-false")));
        assertArrayEquals(IdxBytes.labels(2, 0, 1), Files.readAllBytes(dir.resolve("labels-false")));
    }

    @Test
    void writerRefusesColourImages() {
        ImageDataset colour = new ImageDataset("rgb", new ImageShape(3, 1, 1), new byte[3],
                new int[] {0}, THREE);

        WfnetException e = assertThrows(WfnetException.class,
                () -> IdxWriter.write(colour, dir.resolve("i"), dir.resolve("l"), false));

        assertEquals("IDX holds single-channel images; rgb has 3x1x1", e.getMessage());
    }
}
