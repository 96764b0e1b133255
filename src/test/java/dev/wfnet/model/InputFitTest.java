package dev.wfnet.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageShape;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Framing and resizing images for a network trained on another size. */
class InputFitTest {
    /** A 4x4 image; the expected resizes are PIL's Image.resize(size, BILINEAR) in mode F (Pillow 9.4). */
    private static final float[] IMAGE = {0, 8, 7, 16, 12, 20, 19, 28, 24, 32, 31, 40, 36, 44, 43, 52};

    @Test
    void resizingMatchesPilsBilinearUpAndDown() {
        try (NDManager manager = TorchRuntime.newManager()) {
            NDArray x = manager.create(IMAGE, new Shape(1, 1, 4, 4));
            assertClose(new float[] {0, 4, 7.8333f, 7.1667f, 11.5f, 16}, row(InputFit.parse("resize:6x6").apply(x), 0));
            assertClose(new float[] {36, 40, 43.8333f, 43.1667f, 47.5f, 52}, row(InputFit.parse("resize:6x6").apply(x), 5));
            assertClose(new float[] {13, 19.5714f, 31.8571f, 38.4286f},
                    InputFit.parse("resize:2x2").apply(x).toFloatArray());
            assertClose(new float[] {6, 11.1f, 16.9f}, row(InputFit.parse("resize:3x3").apply(x), 0));
        }
    }

    @Test
    void paddingFramesEachChannelWithItsFillValue() {
        try (NDManager manager = TorchRuntime.newManager()) {
            NDArray x = manager.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, new Shape(1, 2, 2, 2));
            float[] out = InputFit.parse("pad:4x4:-1,-2").apply(x).toFloatArray();
            assertArrayEquals(new float[] {-1, -1, -1, -1, -1, 1, 2, -1, -1, 3, 4, -1, -1, -1, -1, -1,
                    -2, -2, -2, -2, -2, 5, 6, -2, -2, 7, 8, -2, -2, -2, -2, -2}, out);
            assertEquals(new Shape(1, 2, 4, 6), InputFit.parse("pad:4x6:0").apply(x).getShape(), "height, then width");
        }
    }

    @Test
    void aFittedArchitectureTakesTheImagesSizeAndKeepsTheNetworksParameters() throws WfnetException {
        ImageShape digits = new ImageShape(1, 28, 28);
        String layers = "Conv2d(1, 6, 5), Tanh(), AvgPool2d(2), Conv2d(6, 16, 5), Tanh(), AvgPool2d(2), Flatten(),"
                + " Linear(400, 10)";
        Architecture lenet = ArchitectureCatalog.create(ArchitectureSpec.of("sequential",
                Map.of("layers", layers, "fit", "pad:32x32:-0.424212")), digits, 10);
        assertEquals(digits, lenet.inputShape());
        assertEquals("pad:32x32:-0.424212000", lenet.spec().arguments().get("fit"));
        Architecture again = ArchitectureCatalog.create(lenet.spec(), digits, 10);
        assertEquals(lenet.spec(), again.spec());
        assertEquals(ArchitectureCatalog.create(ArchitectureSpec.of("sequential", Map.of("layers", layers)),
                new ImageShape(1, 32, 32), 10).parameters(), lenet.parameters());
        assertTrue(lenet instanceof FeatureMapNetwork);
        assertTrue(assertThrows(WfnetException.class, () -> ArchitectureCatalog.create(ArchitectureSpec.of(
                "sequential", Map.of("layers", layers, "fit", "pad:32x32:0")), new ImageShape(1, 27, 27), 10))
                .getMessage().contains("even"));
    }

    private static float[] row(NDArray image, int row) {
        long width = image.getShape().get(3);
        float[] all = image.toFloatArray();
        return java.util.Arrays.copyOfRange(all, (int) (row * width), (int) ((row + 1) * width));
    }

    private static void assertClose(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-3, "element " + i);
        }
    }
}
