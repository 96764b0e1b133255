package dev.wfnet.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ClassActivationMapTest {

    @Test
    void bilinearUpsamplingFollowsPyTorchsHalfPixelConvention() {
        // torch.nn.functional.interpolate([[0, 1], [2, 3]], size=4, mode="bilinear", align_corners=False)
        float[][] up = ClassActivationMap.upsample(new float[][] {{0, 1}, {2, 3}}, 4, 4);
        assertArrayEquals(new float[] {0, 0.25f, 0.75f, 1}, up[0], 1e-6f);
        assertArrayEquals(new float[] {0.5f, 0.75f, 1.25f, 1.5f}, up[1], 1e-6f);
        assertArrayEquals(new float[] {1.5f, 1.75f, 2.25f, 2.5f}, up[2], 1e-6f);
        assertArrayEquals(new float[] {2, 2.25f, 2.75f, 3}, up[3], 1e-6f);
    }

    @Test
    void weightedSumIsRectifiedAndScaledToTheUnitRange() {
        // two 1x2 maps: 1 * [1, 3] - 1 * [2, 0] = [-1, 3] -> relu [0, 3] -> [0, 1]
        float[][] map = ClassActivationMap.of(new float[] {1, 3, 2, 0}, 1, 2, new double[] {1, -1}, 1, 2);
        assertArrayEquals(new float[] {0, 1}, map[0], 1e-6f);
    }

    @Test
    void aMapWithNothingSalientIsAllZeros() {
        float[][] map = ClassActivationMap.of(new float[] {1, 3}, 1, 2, new double[] {-1}, 2, 2);
        assertArrayEquals(new float[] {0, 0}, map[0]);
        assertArrayEquals(new float[] {0, 0}, map[1]);
    }
}
