package dev.wfnet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.ImageShape;
import dev.wfnet.data.Normalization;
import dev.wfnet.jobs.CancellationToken;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Channels-last input and the batch size change how fast inference runs, never what it computes:
 * every architecture of the catalogue gives the logits of PyTorch's default layout, one image at a
 * time, to float rounding.
 */
class ClassifierLayoutTest {

    @ParameterizedTest
    @MethodSource("dev.wfnet.model.TinyArchitectures#specs")
    void channelsLastInBatchesGivesTheLogitsOfTheDefaultLayoutImageByImage(ArchitectureSpec spec) throws Exception {
        assertSameLogits(TinyArchitectures.build(spec), TinyArchitectures.randomImages(23));
    }

    @Test
    void threeChannelImagesAreReorderedNotJustRelabelled() throws Exception {
        ImageShape rgb = new ImageShape(3, 32, 32);
        Architecture architecture = ArchitectureCatalog.create(ArchitectureSpec.of(ResNet.RESNET20,
                Map.of("depth", "8", "width", "4")), rgb, 10);
        byte[] pixels = new byte[9 * rgb.pixelCount()];
        new Random(3).nextBytes(pixels);
        List<String> names = IntStream.range(0, 10).mapToObj(i -> "class " + i).toList();
        assertSameLogits(architecture, new ImageDataset("rgb", rgb, pixels, IntStream.range(0, 9).toArray(), names));
    }

    private static void assertSameLogits(Architecture architecture, ImageDataset images) throws Exception {
        Normalization normalization = new Normalization(new double[architecture.inputShape().channels()],
                filled(architecture.inputShape().channels()));
        try (NDManager manager = TorchRuntime.newManager()) {
            NetworkWeights weights = NetworkWeights.initialise(architecture, manager, 3);
            Classifier classifier = new Classifier(architecture, weights, normalization, manager);
            float[][] reference = classifier.withLayout(MemoryLayout.CONTIGUOUS).withBatch(1)
                    .logits(images, CancellationToken.none());
            float[][] fast = classifier.withBatch(10).logits(images, CancellationToken.none());
            float scale = 0;
            for (float[] row : reference) {
                for (float value : row) {
                    scale = Math.max(scale, Math.abs(value));
                }
            }
            assertTrue(scale > 0, "the logits are not all zero");
            for (int i = 0; i < reference.length; i++) {
                assertEquals(reference[i].length, fast[i].length);
                for (int c = 0; c < reference[i].length; c++) {
                    assertEquals(reference[i][c], fast[i][c], 1e-5f * scale, "image " + i + ", class " + c);
                }
            }
        }
    }

    private static double[] filled(int n) {
        double[] values = new double[n];
        java.util.Arrays.fill(values, 0.25);
        return values;
    }
}
