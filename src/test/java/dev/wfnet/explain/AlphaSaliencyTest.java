package dev.wfnet.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageShape;
import dev.wfnet.data.Normalization;
import dev.wfnet.model.Architecture;
import dev.wfnet.model.Mlp;
import dev.wfnet.model.NativeManagerExtension;
import dev.wfnet.model.NetworkWeights;
import dev.wfnet.model.ResNet;
import dev.wfnet.model.SmallCnn;
import dev.wfnet.model.TorchRuntime;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NativeManagerExtension.class)
class AlphaSaliencyTest {
    private static final ImageShape INPUT = new ImageShape(1, 8, 8);
    private static final BankRows ROWS = BankRows.named(List.of("a", "b", "c"));
    private static NDManager manager;

    @BeforeAll
    static void open(NDManager shared) {
        manager = shared;
    }

    private static float[] randomImages(int count, long seed) {
        Random random = new Random(seed);
        float[] images = new float[count * INPUT.pixelCount()];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextGaussian();
        }
        return images;
    }

    /** Every alpha 1 except class 1's filter {@code filter} of {@code layer}, at {@code value}. */
    private static AlphaView oneFilterOff(String layer, int filters, int kernel, int filter, float value) {
        float[] alphas = new float[3 * filters * kernel];
        Arrays.fill(alphas, 1f);
        int start = (filters + filter) * kernel;
        Arrays.fill(alphas, start, start + kernel, value);
        return AlphaView.of(ROWS, List.of(LayerAlphas.of(layer, 3, filters, kernel, alphas)));
    }

    @Test
    void manyCallsLeaveTheArraysInUseWhereTheyWere() throws WfnetException {
        SmallCnn network = new SmallCnn(INPUT, 3);
        try (NDManager own = TorchRuntime.newManager()) {
            NetworkWeights weights = NetworkWeights.initialise(network, own, 7);
            AlphaSaliency saliency = AlphaSaliency.of(network, weights, Normalization.fashionMnist(), own,
                    oneFilterOff("conv2.weight", 64, 32 * 9, 5, 0.25f));
            int before = own.getManagedArrays().size();
            float[] images = randomImages(4, 3);
            for (int call = 0; call < 10; call++) {
                saliency.maps(images, new int[] {0, 1, 2, 1});
                saliency.classProbabilities(images, 4, 2);
            }
            assertEquals(before, own.getManagedArrays().size(), "live arrays after 20 calls");
        }
    }

    @Test
    void aRowThatSwitchesOffOneFilterShowsThatFiltersActivationMap() throws WfnetException {
        SmallCnn network = new SmallCnn(INPUT, 3);
        NetworkWeights weights = NetworkWeights.initialise(network, manager, 7);
        int filter = 5;
        for (int kernel : new int[] {32 * 9, 1}) { // weight and filter granularity
            AlphaSaliency saliency = AlphaSaliency.of(network, weights, Normalization.fashionMnist(), manager,
                    oneFilterOff("conv2.weight", 64, kernel, filter, 0.25f));
            float[] image = randomImages(1, 3);
            float[][] map = saliency.map(image, 1);

            float[][] channel = new float[4][4];
            try (NDManager scope = manager.newSubManager()) {
                NDArray features = network.features(weights, scope.create(image, new Shape(1, 1, 8, 8)));
                float[] flat = features.get("0, " + filter).toFloatArray();
                for (int i = 0; i < 16; i++) {
                    channel[i / 4][i % 4] = flat[i];
                }
            }
            float[][] expected = ClassActivationMap.normalise(ClassActivationMap.upsample(channel, 8, 8));
            for (int y = 0; y < 8; y++) {
                assertArrayEquals(expected[y], map[y], 1e-5f, "row " + y);
            }
            assertEquals(0.75, saliency.alphaWeights(1)[filter], 1e-6);
            assertEquals(0.0, saliency.alphaWeights(0)[filter], 1e-6);
        }
    }

    @Test
    void gradCamWeightsOfAResNetAreTheHeadWeightsOverTheMapArea() throws WfnetException {
        // the logit is fc(global mean of the maps): d logit_c / d map_k(x, y) = fc.weight[c][k] / (h * w)
        ResNet network = ResNet.resnet20(INPUT, 3, 8, 2);
        NetworkWeights weights = NetworkWeights.initialise(network, manager, 11);
        AlphaSaliency saliency = AlphaSaliency.of(network, weights, Normalization.fashionMnist(), manager,
                oneFilterOff(network.featureLayer().weight(), 8, 8 * 9, 0, 0f));
        int[] classes = {2, 0};
        double[][] gradCam = saliency.gradCamWeights(randomImages(2, 5), classes);
        float[] fc = weights.get("fc.weight").toFloatArray();
        for (int i = 0; i < classes.length; i++) {
            for (int k = 0; k < 8; k++) {
                assertEquals(fc[classes[i] * 8 + k] / 4.0, gradCam[i][k], 1e-6, "image " + i + " channel " + k);
            }
        }
    }

    @Test
    void gradCamMatchesFiniteDifferencesThroughTheSmallCnnsHead() throws WfnetException {
        SmallCnn network = new SmallCnn(INPUT, 3);
        NetworkWeights weights = NetworkWeights.initialise(network, manager, 13);
        AlphaSaliency saliency = AlphaSaliency.of(network, weights, Normalization.fashionMnist(), manager,
                oneFilterOff("conv2.weight", 64, 1, 0, 0f));
        float[] image = randomImages(1, 17);
        double[] analytic = saliency.gradCamWeights(image, new int[] {1})[0];
        try (NDManager scope = manager.newSubManager()) {
            float[] maps = network.features(weights, scope.create(image, new Shape(1, 1, 8, 8))).toFloatArray();
            for (int k : new int[] {0, 9, 40}) {
                // shifting all 16 positions of map k by h moves the logit by h * sum(grad), i.e. 16 h times the weight
                double h = 1e-2;
                double up = logit(network, weights, scope, shift(maps, k, h), 1);
                double down = logit(network, weights, scope, shift(maps, k, -h), 1);
                double numeric = (up - down) / (2 * h) / 16;
                assertEquals(numeric, analytic[k], 1e-3, "channel " + k);
            }
        }
    }

    private static float[] shift(float[] maps, int channel, double by) {
        float[] shifted = maps.clone();
        for (int i = channel * 16; i < (channel + 1) * 16; i++) {
            shifted[i] += (float) by;
        }
        return shifted;
    }

    private static double logit(SmallCnn network, NetworkWeights weights, NDManager scope, float[] maps, int c) {
        return network.head(weights, scope.create(maps, new Shape(1, 64, 4, 4))).toFloatArray()[c];
    }

    @Test
    void anArchitectureWithoutConvolutionsIsRefusedByName() {
        Architecture mlp = new Mlp(INPUT, 3, 16);
        NetworkWeights weights = NetworkWeights.initialise(mlp, manager, 1);
        WfnetException e = assertThrows(WfnetException.class, () -> AlphaSaliency.of(mlp, weights,
                Normalization.fashionMnist(), manager, oneFilterOff("fc1.weight", 16, 64, 0, 0f)));
        assertTrue(e.getMessage().contains("architecture mlp has no convolutional layer for saliency"), e.getMessage());
    }

    @Test
    void aBankWithoutTheLastConvolutionIsRefused() {
        SmallCnn network = new SmallCnn(INPUT, 3);
        NetworkWeights weights = NetworkWeights.initialise(network, manager, 1);
        WfnetException e = assertThrows(WfnetException.class, () -> AlphaSaliency.of(network, weights,
                Normalization.fashionMnist(), manager, oneFilterOff("conv1.weight", 32, 9, 0, 0f)));
        assertTrue(e.getMessage().contains("does not filter conv2.weight"), e.getMessage());
    }
}
