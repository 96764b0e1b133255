package dev.wfnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wfnet.WfnetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledSubsetTest {

    @TempDir
    Path temp;

    private final String savedAssets = System.getProperty(FashionMnist.ASSETS_PROPERTY);

    @AfterEach
    void restoreAssetsProperty() {
        if (savedAssets == null) {
            System.clearProperty(FashionMnist.ASSETS_PROPERTY);
        } else {
            System.setProperty(FashionMnist.ASSETS_PROPERTY, savedAssets);
        }
    }

    @Test
    void bundledSubsetHas600TrainingAnd200TestImagesPerClass() throws Exception {
        DatasetSplits splits = FashionMnist.loadBundled();

        assertEquals(6000, splits.train().size());
        assertEquals(2000, splits.test().size());
        assertEquals(new ImageShape(1, 28, 28), splits.train().shape());
        int[] train = new int[10];
        int[] test = new int[10];
        Arrays.fill(train, 600);
        Arrays.fill(test, 200);
        assertArrayEquals(train, splits.train().classCounts());
        assertArrayEquals(test, splits.test().classCounts());
        assertEquals(FashionMnist.CLASS_NAMES, splits.train().classNames());
        assertEquals("fashion-mnist-bundled/train", splits.train().name());
    }

    @Test
    void bundledPixelsHaveFashionMnistStatistics() throws Exception {
        Normalization measured = Normalization.measure(FashionMnist.loadBundled().train());
        Normalization published = Normalization.fashionMnist();

        assertEquals(published.mean()[0], measured.mean()[0], 0.01);
        assertEquals(published.std()[0], measured.std()[0], 0.01);
    }

    @Test
    void classNamesAreZalandosTen() {
        assertEquals(List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
                "Shirt", "Sneaker", "Bag", "Ankle boot"), FashionMnist.CLASS_NAMES);
    }

    @Test
    void assetsPropertyOverridesTheSearchAndAWrongOneIsReported() throws Exception {
        Path real = FashionMnist.bundledDirectory();
        System.setProperty(FashionMnist.ASSETS_PROPERTY, temp.toString());

        WfnetException e = assertThrows(WfnetException.class, FashionMnist::loadBundled);
        assertTrue(e.getMessage().startsWith("-Dwfnet.assets=" + temp + " has no bundled"),
                e.getMessage());

        Path copy = Files.createDirectories(temp.resolve("fashion-mnist"));
        for (Path file : IdxSplitFilesTest.filesOf(real)) {
            Files.copy(file, copy.resolve(file.getFileName()));
        }
        assertEquals(copy, FashionMnist.bundledDirectory());
        assertEquals(6000, FashionMnist.loadBundled().train().size());
    }

    @Test
    void systemDirectoryIsOfferedOnlyWhenItsFilesExist() {
        assertEquals(IdxSplitFiles.find(FashionMnist.SYSTEM_DIRECTORY).isPresent(),
                FashionMnist.systemDirectory().isPresent());
    }

    @Test
    void bestIsTheFullSetWhenInstalled() throws Exception {
        assumeTrue(FashionMnist.systemDirectory().isPresent(), "dataset-fashion-mnist not installed");

        DatasetSplits best = FashionMnist.loadBest();

        assertEquals(60000, best.train().size());
        assertEquals(10000, best.test().size());
        assertEquals("fashion-mnist/train", best.train().name());
    }

    @Test
    void regeneratingTheSubsetGivesTheBundledBytes() throws Exception {
        assumeTrue(FashionMnist.systemDirectory().isPresent(), "dataset-fashion-mnist not installed");

        MakeBundledSubset.make(FashionMnist.SYSTEM_DIRECTORY, temp);

        for (Path bundled : IdxSplitFilesTest.filesOf(FashionMnist.bundledDirectory())) {
            assertArrayEquals(Files.readAllBytes(bundled),
                    Files.readAllBytes(temp.resolve(bundled.getFileName())), bundled.toString());
        }
    }

    @Test
    void subsetTakesTheFirstImagesOfEachClassInFileOrder() {
        ImageDataset data = new ImageDataset("d", new ImageShape(1, 1, 1),
                IdxBytes.bytes(0, 1, 2, 3, 4, 5, 6), new int[] {1, 0, 1, 1, 0, 0, 1},
                List.of("a", "b"));

        ImageDataset subset = MakeBundledSubset.firstPerClass(data, 2);

        assertArrayEquals(IdxBytes.bytes(0, 1, 2, 4), subset.pixels());
        assertArrayEquals(new int[] {1, 0, 1, 0}, subset.labels());
    }
}
