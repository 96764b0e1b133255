package dev.wfnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizationTest {

    /** Two 1x1x2 grey images: (0, 255) and (51, 102), i.e. 0, 1, 0.2, 0.4 after /255. */
    private static final ImageDataset GREY = new ImageDataset("grey", new ImageShape(1, 1, 2),
            IdxBytes.bytes(0, 255, 51, 102), new int[] {0, 1}, List.of("a", "b"));

    /** Two 3x1x1 colour images: (R,G,B) = (0, 51, 255) and (255, 153, 255). */
    private static final ImageDataset COLOUR = new ImageDataset("colour", new ImageShape(3, 1, 1),
            IdxBytes.bytes(0, 51, 255, 255, 153, 255), new int[] {0, 0}, List.of("a"));

    @Test
    void fillNormalisesTheChosenImagesInIndexOrder() {
        Normalization norm = new Normalization(new double[] {0.5}, new double[] {0.25});
        float[] out = new float[4];

        norm.fill(GREY, new int[] {1, 0}, 0, 2, out);

        // (0.2 - 0.5) / 0.25 = -1.2, (0.4 - 0.5) / 0.25 = -0.4, (0 - 0.5) / 0.25 = -2, (1 - 0.5) / 0.25 = 2
        assertArrayEquals(new float[] {-1.2f, -0.4f, -2f, 2f}, out, 1e-6f);
    }

    @Test
    void fillUsesEachChannelsOwnStatisticsAndHonoursTheRange() {
        Normalization norm = new Normalization(new double[] {0, 0.5, 1}, new double[] {1, 0.5, 2});
        float[] out = new float[3];

        norm.fill(COLOUR, new int[] {0, 1}, 1, 2, out);

        // image 1: R (1 - 0) / 1 = 1, G (0.6 - 0.5) / 0.5 = 0.2, B (1 - 1) / 2 = 0
        assertArrayEquals(new float[] {1f, 0.2f, 0f}, out, 1e-6f);
    }

    @Test
    void measureGivesMeanAndPopulationStdPerChannel() {
        Normalization grey = Normalization.measure(GREY);
        // values 0, 1, 0.2, 0.4: mean 0.4; variance (0.16 + 0.36 + 0.04 + 0) / 4 = 0.14
        assertEquals(0.4, grey.mean()[0], 1e-12);
        assertEquals(Math.sqrt(0.14), grey.std()[0], 1e-9);

        Normalization colour = Normalization.measure(COLOUR);
        // R: 0, 1 -> mean 0.5, std 0.5; G: 0.2, 0.6 -> mean 0.4, std 0.2; B: 1, 1 -> mean 1, std ~0
        assertArrayEquals(new double[] {0.5, 0.4, 1.0}, colour.mean(), 1e-12);
        assertEquals(0.5, colour.std()[0], 1e-9);
        assertEquals(0.2, colour.std()[1], 1e-9);
        assertEquals(1e-6, colour.std()[2], 1e-9);
    }

    @Test
    void measuredStatisticsNormaliseToZeroMeanAndUnitStd() {
        Normalization norm = Normalization.measure(GREY);
        float[] out = new float[4];

        norm.fill(GREY, new int[] {0, 1}, 0, 2, out);

        double sum = 0;
        double squares = 0;
        for (float v : out) {
            sum += v;
            squares += v * v;
        }
        assertEquals(0, sum / 4, 1e-6);
        assertEquals(1, squares / 4, 1e-5);
    }

    @Test
    void channelCountMustMatchTheImages() {
        Normalization grey = Normalization.fashionMnist();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> grey.fill(COLOUR, new int[] {0}, 0, 1, new float[3]));

        assertEquals("colour has 3x1x1 images, but this normalisation is for 1 channel(s)",
                e.getMessage());
    }
}
