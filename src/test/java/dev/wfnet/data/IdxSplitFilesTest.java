package dev.wfnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.WfnetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxSplitFilesTest {

    @TempDir
    Path dir;

    static List<Path> filesOf(Path dir) throws WfnetException {
        IdxSplitFiles files = IdxSplitFiles.in(dir);
        return List.of(files.trainImages(), files.trainLabels(), files.testImages(),
                files.testLabels());
    }

    /** Two 1x2 training images and one test image under the standard names. */
    static void writeTinySet(Path dir, boolean gzip) throws Exception {
        byte[][] contents = {
            IdxBytes.images(2, 1, 2, IdxBytes.bytes(1, 2, 3, 4)),
            IdxBytes.labels(7, 0),
            IdxBytes.images(1, 1, 2, IdxBytes.bytes(250, 251)),
            IdxBytes.labels(9),
        };
        Files.createDirectories(dir);
        for (int i = 0; i < contents.length; i++) {
            String name = IdxSplitFiles.STANDARD_NAMES.get(i) + (gzip ? ".gz" : "");
            Files.write(dir.resolve(name), gzip ? IdxBytes.gzip(contents[i]) : contents[i]);
        }
    }

    @Test
    void findsGzippedAndPlainStandardNames() throws Exception {
        writeTinySet(dir.resolve("gz"), true);
        writeTinySet(dir.resolve("plain"), false);

        for (String variant : List.of("gz", "plain")) {
            DatasetSplits splits = IdxSplitFiles.in(dir.resolve(variant))
                    .load("tiny", DatasetCatalog.DIGIT_CLASS_NAMES);

            assertArrayEquals(IdxBytes.bytes(1, 2, 3, 4), splits.train().pixels());
            assertArrayEquals(new int[] {7, 0}, splits.train().labels());
            assertArrayEquals(new int[] {9}, splits.test().labels());
            assertEquals("tiny/test", splits.test().name());
        }
    }

    @Test
    void missingFilesAreListed() throws Exception {
        writeTinySet(dir, true);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        Files.delete(dir.resolve("train-images-idx3-ubyte.gz"));

        WfnetException e = assertThrows(WfnetException.class, () -> IdxSplitFiles.in(dir));

        assertTrue(e.getMessage().startsWith(dir + " lacks train-images-idx3-ubyte.gz,"
                + " t10k-labels-idx1-ubyte.gz (plain or gzipped)"), e.getMessage());
    }

    @Test
    void splitsWithDifferentImageSizesAreRefused() throws Exception {
        writeTinySet(dir, false);
        Files.write(dir.resolve("t10k-images-idx3-ubyte"),
                IdxBytes.images(1, 2, 1, IdxBytes.bytes(250, 251)));

        WfnetException e = assertThrows(WfnetException.class,
                () -> IdxSplitFiles.in(dir).load("tiny", DatasetCatalog.DIGIT_CLASS_NAMES));

        assertTrue(e.getMessage().contains("has images of 1x1x2 but"), e.getMessage());
    }

    @Test
    void notADirectoryIsSaidSo() {
        Path missing = dir.resolve("absent");

        WfnetException e = assertThrows(WfnetException.class, () -> IdxSplitFiles.in(missing));

        assertTrue(e.getMessage().startsWith(missing + " is not a directory"), e.getMessage());
    }
}
