package dev.wfnet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.WfnetException;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCatalogTest {

    @TempDir
    Path dir;

    @Test
    void parsesEveryFormAndWritesItBackCanonically() throws Exception {
        assertEquals(new DatasetSpec(DatasetSpec.Kind.FASHION_MNIST, Optional.empty()),
                DatasetSpec.parse("fashion-mnist"));
        assertEquals(new DatasetSpec(DatasetSpec.Kind.FASHION_MNIST_BUNDLED, Optional.empty()),
                DatasetSpec.parse(" Fashion-MNIST-Bundled "));
        assertEquals(new DatasetSpec(DatasetSpec.Kind.FASHION_MNIST, Optional.of(Path.of("/d/f"))),
                DatasetSpec.parse("fashion-mnist:/d/f"));
        for (String spec : List.of("mnist:/data/mnist", "idx:rel/dir", "cifar10:/c10",
                "cifar100:/c100", "folder:/images:with:colons")) {
            assertEquals(spec, DatasetSpec.parse(spec).toString());
        }
        assertEquals(Path.of("/images:with:colons"),
                DatasetSpec.parse("folder:/images:with:colons").directory().orElseThrow());
        assertEquals(Path.of(System.getProperty("user.home"), "data"),
                DatasetSpec.parse("mnist:~/data").directory().orElseThrow());
    }

    @Test
    void unknownSpecListsTheAcceptedForms() {
        WfnetException e = assertThrows(WfnetException.class, () -> DatasetSpec.parse("imagenet"));

        assertTrue(e.getMessage().startsWith("unknown dataset 'imagenet'; accepted forms:\n"),
                e.getMessage());
        for (String form : List.of("fashion-mnist[:DIR]", "fashion-mnist-bundled", "mnist:DIR",
                "idx:DIR", "cifar10:DIR", "cifar100:DIR", "folder:DIR")) {
            assertTrue(e.getMessage().contains("\n  " + form + " "), form);
        }
    }

    @Test
    void directoriesAreRequiredOrRefusedByKind() {
        WfnetException missing = assertThrows(WfnetException.class, () -> DatasetSpec.parse("mnist"));
        assertEquals("dataset 'mnist' needs a directory: mnist:DIR, for example mnist:/data/mnist",
                missing.getMessage());

        WfnetException empty = assertThrows(WfnetException.class, () -> DatasetSpec.parse("cifar10:"));
        assertEquals("dataset 'cifar10:' has nothing after ':'; write cifar10:DIR",
                empty.getMessage());

        WfnetException extra = assertThrows(WfnetException.class,
                () -> DatasetSpec.parse("fashion-mnist-bundled:/x"));
        assertTrue(extra.getMessage().startsWith("dataset 'fashion-mnist-bundled' takes no"
                + " directory"), extra.getMessage());
    }

    @Test
    void mnistAndIdxDirectoriesLoadWithDigitClassNames() throws Exception {
        IdxSplitFilesTest.writeTinySet(dir, true);

        DatasetSplits mnist = DatasetCatalog.load("mnist:" + dir, null);
        DatasetSplits idx = DatasetCatalog.load("idx:" + dir, null);

        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                mnist.train().classNames());
        assertEquals("mnist/train", mnist.train().name());
        assertEquals(2, idx.train().size());
        assertEquals(9, idx.test().label(0));
    }

    @Test
    void fashionMnistDirectoryUsesZalandoNames() throws Exception {
        IdxSplitFilesTest.writeTinySet(dir, false);

        DatasetSplits splits = DatasetCatalog.load("fashion-mnist:" + dir, null);

        assertEquals("Sneaker", splits.train().classNames().get(7));
        assertEquals("fashion-mnist/train", splits.train().name());
    }

    @Test
    void bundledSpecLoadsTheBundledSubset() throws Exception {
        DatasetSplits splits = DatasetCatalog.load("fashion-mnist-bundled", null);

        assertEquals(6000, splits.train().size());
        assertEquals(2000, splits.test().size());
    }

    @Test
    void cifarSpecsReachTheirReaders() throws Exception {
        Files.write(dir.resolve("train.bin"), new byte[2 * 3074]);
        Files.write(dir.resolve("test.bin"), new byte[3074]);

        DatasetSplits splits = DatasetCatalog.load("cifar100:" + dir, null);

        assertEquals(2, splits.train().size());
        assertEquals(CifarReader.SHAPE, splits.train().shape());

        WfnetException e = assertThrows(WfnetException.class,
                () -> DatasetCatalog.load("cifar10:" + dir, null));
        assertTrue(e.getMessage().contains("data_batch_1.bin does not exist"), e.getMessage());
    }

    @Test
    void folderSpecNeedsAndUsesTheCallersShape() throws Exception {
        for (String split : List.of("train", "test")) {
            Path file = Files.createDirectories(dir.resolve(split).resolve("cls")).resolve("a.png");
            ImageIO.write(new BufferedImage(5, 5, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
        }

        WfnetException e = assertThrows(WfnetException.class,
                () -> DatasetCatalog.load("folder:" + dir, null));
        assertTrue(e.getMessage().contains("needs the image shape"), e.getMessage());

        DatasetSplits splits = DatasetCatalog.load("folder:" + dir, new ImageShape(3, 2, 2));
        assertEquals(new ImageShape(3, 2, 2), splits.test().shape());
        assertEquals(List.of("cls"), splits.train().classNames());
    }
}
