package dev.wfnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.WfnetException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarReaderTest {

    private static final int PIXELS = 3 * 32 * 32;

    @TempDir
    Path dir;

    /** The pixels of synthetic image {@code id}: distinct per image, covering 0-255. */
    private static byte[] image(int id) {
        byte[] pixels = new byte[PIXELS];
        for (int p = 0; p < PIXELS; p++) {
            pixels[p] = (byte) (id * 37 + p);
        }
        return pixels;
    }

    private static byte[] records(int[][] labelBytes, int firstId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int r = 0; r < labelBytes.length; r++) {
            for (int label : labelBytes[r]) {
                out.write(label);
            }
            out.writeBytes(image(firstId + r));
        }
        return out.toByteArray();
    }

    private static byte[] concat(int firstId, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int id = firstId; id < firstId + count; id++) {
            out.writeBytes(image(id));
        }
        return out.toByteArray();
    }

    /** Five training batches of two images each (ids 0-9, labels 0-9), a test batch of three. */
    private void writeCifar10(Path root) throws IOException {
        Files.createDirectories(root);
        for (int b = 1; b <= 5; b++) {
            int first = (b - 1) * 2;
            Files.write(root.resolve("data_batch_" + b + ".bin"),
                    records(new int[][] {{first}, {first + 1}}, first));
        }
        Files.write(root.resolve("test_batch.bin"), records(new int[][] {{9}, {0}, {4}}, 100));
    }

    @Test
    void readsCifar10BatchesInOrderWithExactPixelsAndBuiltInNames() throws Exception {
        writeCifar10(dir);

        DatasetSplits splits = CifarReader.readCifar10(dir);

        ImageDataset train = splits.train();
        assertEquals("cifar10/train", train.name());
        assertEquals(new ImageShape(3, 32, 32), train.shape());
        assertArrayEquals(IntStream.range(0, 10).toArray(), train.labels());
        assertArrayEquals(concat(0, 10), train.pixels());
        assertArrayEquals(new int[] {9, 0, 4}, splits.test().labels());
        assertArrayEquals(concat(100, 3), splits.test().pixels());
        assertEquals(CifarClassNames.CIFAR10, train.classNames());
        // record 1 of batch 1, green plane, row 0, column 5: id 1, offset 1024 + 5
        assertEquals((1 * 37 + 1024 + 5) & 0xFF, train.pixel(1, 1024 + 5));
    }

    @Test
    void takesClassNamesFromBatchesMetaAndAcceptsTheArchiveFolder() throws Exception {
        Path root = dir.resolve("cifar-10-batches-bin");
        writeCifar10(root);
        List<String> names = List.of("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9");
        Files.writeString(root.resolve("batches.meta.txt"), String.join("\n", names) + "\n\n\n");

        DatasetSplits splits = CifarReader.readCifar10(dir);

        assertEquals(names, splits.train().classNames());
        assertEquals(10, splits.train().size());
    }

    @Test
    void lengthThatIsNotAWholeNumberOfRecordsNamesTheFile() throws Exception {
        writeCifar10(dir);
        Path broken = dir.resolve("data_batch_3.bin");
        Files.write(broken, java.util.Arrays.copyOf(Files.readAllBytes(broken), 3073 + 100));

        WfnetException e = assertThrows(WfnetException.class, () -> CifarReader.readCifar10(dir));

        assertEquals(broken + " is not a whole number of CIFAR-10 records: its 3173 bytes leave 100"
                + " over after the last whole 3073-byte record (1 label + 3072 pixels); the file is"
                + " truncated or not CIFAR-10", e.getMessage());
    }

    @Test
    void missingBatchIsNamed() throws Exception {
        writeCifar10(dir);
        Files.delete(dir.resolve("data_batch_4.bin"));

        WfnetException e = assertThrows(WfnetException.class, () -> CifarReader.readCifar10(dir));

        assertTrue(e.getMessage().startsWith(dir.resolve("data_batch_4.bin") + " does not exist"),
                e.getMessage());
    }

    @Test
    void labelOutsideTheTenClassesIsAnError() throws Exception {
        writeCifar10(dir);
        Path test = dir.resolve("test_batch.bin");
        Files.write(test, records(new int[][] {{3}, {10}}, 0));

        WfnetException e = assertThrows(WfnetException.class, () -> CifarReader.readCifar10(dir));

        assertEquals(test + " has label 10 in record 1, but CIFAR-10 has 10 classes (labels 0 to 9)",
                e.getMessage());
    }

    @Test
    void namesFileWithTheWrongCountIsAnError() throws Exception {
        writeCifar10(dir);
        Path meta = Files.writeString(dir.resolve("batches.meta.txt"), "cat\ndog\n");

        WfnetException e = assertThrows(WfnetException.class, () -> CifarReader.readCifar10(dir));

        assertEquals(meta + " names 2 classes, expected 10 (one per line)", e.getMessage());
    }

    @Test
    void readsCifar100WithTheFineLabel() throws Exception {
        // coarse label first, fine label second; the fine one is the class
        Files.write(dir.resolve("train.bin"), records(new int[][] {{4, 30}, {19, 99}, {0, 0}}, 0));
        Files.write(dir.resolve("test.bin"), records(new int[][] {{7, 55}}, 50));

        DatasetSplits splits = CifarReader.readCifar100(dir);

        assertArrayEquals(new int[] {30, 99, 0}, splits.train().labels());
        assertArrayEquals(concat(0, 3), splits.train().pixels());
        assertArrayEquals(new int[] {55}, splits.test().labels());
        assertArrayEquals(concat(50, 1), splits.test().pixels());
        assertEquals(CifarClassNames.CIFAR100_FINE, splits.train().classNames());
        assertEquals("worm", splits.train().classNames().get(99));
        assertEquals("cifar100/test", splits.test().name());
    }

    @Test
    void readsCifar100NamesFromFineLabelNames() throws Exception {
        Path root = dir.resolve("cifar-100-binary");
        Files.createDirectories(root);
        Files.write(root.resolve("train.bin"), records(new int[][] {{1, 2}}, 0));
        Files.write(root.resolve("test.bin"), records(new int[][] {{1, 3}}, 0));
        List<String> names = IntStream.range(0, 100).mapToObj(i -> "fine" + i).toList();
        Files.write(root.resolve("fine_label_names.txt"), names);

        DatasetSplits splits = CifarReader.readCifar100(dir);

        assertEquals(names, splits.test().classNames());
    }

    @Test
    void cifar100FileOfCifar10RecordLengthIsRejected() throws Exception {
        Path train = Files.write(dir.resolve("train.bin"), records(new int[][] {{1}, {2}}, 0));
        Files.write(dir.resolve("test.bin"), records(new int[][] {{1, 3}}, 0));

        WfnetException e = assertThrows(WfnetException.class, () -> CifarReader.readCifar100(dir));

        assertTrue(e.getMessage().startsWith(train + " is not a whole number of CIFAR-100 records:"
                + " its 6146 bytes leave 3072 over after the last whole 3074-byte record (2 label"
                + " + 3072 pixels)"), e.getMessage());
    }

    @Test
    void builtInNameListsAreCompleteAndDistinct() {
        assertEquals(10, new HashSet<>(CifarClassNames.CIFAR10).size());
        assertEquals(100, new HashSet<>(CifarClassNames.CIFAR100_FINE).size());
        assertEquals(CifarClassNames.CIFAR100_FINE.stream().sorted().toList(),
                CifarClassNames.CIFAR100_FINE);
    }
}
