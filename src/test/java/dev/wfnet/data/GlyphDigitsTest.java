package dev.wfnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.WfnetException;
import dev.wfnet.io.Hashing;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlyphDigitsTest {
    private static final int PIXELS = 28 * 28;

    @TempDir
    Path temp;

    private static DatasetSplits splits;

    @BeforeAll
    static void generate() throws WfnetException {
        splits = GlyphDigits.generate(7, 3000, 1000);
    }

    private List<String> writtenHashes(DatasetSplits data, String dirName) throws WfnetException {
        IdxSplitFiles files = IdxSplitFiles.gzippedIn(temp.resolve(dirName));
        files.write(data);
        return List.of(Hashing.sha256(files.trainImages()), Hashing.sha256(files.trainLabels()),
                Hashing.sha256(files.testImages()), Hashing.sha256(files.testLabels()));
    }

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedOtherBytes() throws Exception {
        List<String> first = writtenHashes(GlyphDigits.generate(11, 400, 100), "a");
        List<String> again = writtenHashes(GlyphDigits.generate(11, 400, 100), "b");
        List<String> other = writtenHashes(GlyphDigits.generate(12, 400, 100), "c");

        assertEquals(first, again);
        for (int file = 0; file < first.size(); file++) {
            assertNotEquals(first.get(file), other.get(file), "file " + file + " ignores the seed");
        }
    }

    @Test
    void classesAreBalancedExactlyAndShuffled() throws Exception {
        int[] train = new int[10];
        Arrays.fill(train, 300);
        int[] test = new int[10];
        Arrays.fill(test, 100);
        assertArrayEquals(train, splits.train().classCounts());
        assertArrayEquals(test, splits.test().classCounts());
        int inCycle = 0;
        for (int i = 0; i < splits.train().size(); i++) {
            inCycle += splits.train().label(i) == i % 10 ? 1 : 0;
        }
        assertTrue(inCycle < 600, "labels follow 0,1,...,9 in " + inCycle + " of 3000 places: not shuffled");

        int[] uneven = GlyphDigits.balancedLabels(23, 10, new SplittableRandom(1));
        int[] counts = new int[10];
        for (int label : uneven) {
            counts[label]++;
        }
        assertArrayEquals(new int[] {3, 3, 3, 2, 2, 2, 2, 2, 2, 2}, counts);
    }

    @Test
    void imagesLookLikeMnistLightDigitsCentredOnBlack() {
        ImageDataset train = splits.train();
        double sum = 0;
        int blank = 0;
        int offCentre = 0;
        double borderSum = 0;
        for (int i = 0; i < train.size(); i++) {
            double mass = 0;
            double x = 0;
            double y = 0;
            double centre = 0;
            double border = 0;
            for (int p = 0; p < PIXELS; p++) {
                int v = train.pixel(i, p);
                int px = p % 28;
                int py = p / 28;
                sum += v;
                mass += v;
                x += v * px;
                y += v * py;
                if (px >= 6 && px < 22 && py >= 6 && py < 22) {
                    centre += v / 256.0;
                } else if (px < 2 || py < 2 || px >= 26 || py >= 26) {
                    border += v / 208.0;
                }
            }
            borderSum += border;
            // noise alone lifts centre and border alike; a digit lifts the centre's 16 x 16 pixels
            blank += centre - border < 5 ? 1 : 0;
            offCentre += Math.hypot(x / mass - 13.5, y / mass - 13.5) > 5 ? 1 : 0;
        }
        double mean = sum / ((double) train.size() * PIXELS);
        // MNIST's mean is 33; the noise here lifts the background a little
        assertTrue(mean > 20 && mean < 70, "mean pixel " + mean);
        assertTrue(blank < train.size() / 100, blank + " images have no more light in the centre than at the border");
        assertTrue(offCentre < train.size() / 100, offCentre + " images have their mass more than 5 px off centre");
        assertTrue(borderSum / train.size() < 20, "the border is not dark: mean " + borderSum / train.size());
    }

    @Test
    void labelsMatchTheImagesSoANearestMeanClassifierBeatsChanceByFar() {
        double[][] means = new double[10][PIXELS];
        int[] counts = splits.train().classCounts();
        for (int i = 0; i < splits.train().size(); i++) {
            double[] mean = means[splits.train().label(i)];
            for (int p = 0; p < PIXELS; p++) {
                mean[p] += splits.train().pixel(i, p) / (double) counts[splits.train().label(i)];
            }
        }
        int correct = 0;
        ImageDataset test = splits.test();
        for (int i = 0; i < test.size(); i++) {
            int best = -1;
            double bestDistance = Double.MAX_VALUE;
            for (int c = 0; c < 10; c++) {
                double distance = 0;
                for (int p = 0; p < PIXELS; p++) {
                    double d = test.pixel(i, p) - means[c][p];
                    distance += d * d;
                }
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = c;
                }
            }
            correct += best == test.label(i) ? 1 : 0;
        }
        double accuracy = correct / (double) test.size();
        assertTrue(accuracy > 0.3, "nearest class mean gets " + accuracy + " (chance: 0.1)");
        assertTrue(accuracy < 0.95, "nearest class mean gets " + accuracy + ": too easy a task");
    }

    @Test
    void trainAndTestShareNoImage() {
        Set<ByteBuffer> train = new HashSet<>();
        for (int i = 0; i < splits.train().size(); i++) {
            train.add(ByteBuffer.wrap(image(splits.train(), i)));
        }
        assertEquals(splits.train().size(), train.size(), "training images repeat");
        for (int i = 0; i < splits.test().size(); i++) {
            assertFalse(train.contains(ByteBuffer.wrap(image(splits.test(), i))), "test image " + i);
        }
    }

    @Test
    void theWrittenSetOpensAsIdxAndAsMnist() throws Exception {
        Path dir = temp.resolve("glyphs");
        IdxSplitFiles.gzippedIn(dir).write(splits);

        for (String spec : List.of("idx:" + dir, "mnist:" + dir)) {
            DatasetSplits read = DatasetCatalog.load(spec, null);
            assertEquals(GlyphDigits.SHAPE, read.train().shape());
            assertArrayEquals(splits.train().pixels(), read.train().pixels(), spec);
            assertArrayEquals(splits.train().labels(), read.train().labels(), spec);
            assertArrayEquals(splits.test().pixels(), read.test().pixels(), spec);
            assertArrayEquals(splits.test().labels(), read.test().labels(), spec);
            assertEquals(DatasetCatalog.DIGIT_CLASS_NAMES, read.train().classNames());
        }
    }

    @Test
    void drawsWithTheLogicalFontsInEveryStyle() {
        List<String> names = GlyphDigits.fontNames();
        for (String family : List.of("Serif", "SansSerif", "Monospaced", "Dialog", "DialogInput")) {
            for (String style : List.of("plain", "bold", "italic", "bolditalic")) {
                assertTrue(names.contains(family + "." + style), family + "." + style + " missing from " + names);
            }
        }
        assertEquals(0, names.size() % 4, "every family in four styles: " + names);
    }

    @Test
    void refusesAnEmptySplit() {
        WfnetException e = assertThrows(WfnetException.class, () -> GlyphDigits.generate(1, 0, 10));
        assertTrue(e.getMessage().contains("at least one training and one test image"), e.getMessage());
    }

    private static byte[] image(ImageDataset data, int index) {
        return Arrays.copyOfRange(data.pixels(), index * PIXELS, (index + 1) * PIXELS);
    }
}
