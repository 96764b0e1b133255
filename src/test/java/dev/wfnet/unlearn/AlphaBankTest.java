package dev.wfnet.unlearn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.wfnet.data.ImageShape;
import dev.wfnet.data.Normalization;
import dev.wfnet.io.HostTensor;
import dev.wfnet.model.Architecture;
import dev.wfnet.model.NativeManagerExtension;
import dev.wfnet.model.NetworkWeights;
import dev.wfnet.model.ParameterSpec;
import dev.wfnet.model.SmallCnn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The alpha bank on the host's terms: the clamp against IEEE comparisons, filter granularity's
 * shapes and broadcast, and rows combined by product, each checked against plain Java arithmetic.
 */
@ExtendWith(NativeManagerExtension.class)
class AlphaBankTest {
    private static final ImageShape FASHION = new ImageShape(1, 28, 28);
    private final Architecture smallCnn = new SmallCnn(FASHION, 10);
    private NDManager manager;

    @BeforeEach
    void open(NDManager manager) {
        this.manager = manager;
    }

    /** Alphas drawn uniformly from [low, high) for every tensor of a layout. */
    static Map<String, HostTensor> randomAlphas(BankLayout layout, long seed, float low, float high) {
        Random random = new Random(seed);
        Map<String, HostTensor> alphas = new LinkedHashMap<>();
        for (FilteredTensor tensor : layout.tensors()) {
            float[] data = new float[(int) HostTensor.elementCount(tensor.alphaShape())];
            for (int i = 0; i < data.length; i++) {
                data[i] = low + (high - low) * random.nextFloat();
            }
            alphas.put(tensor.name(), new HostTensor(tensor.alphaShape(), data));
        }
        return alphas;
    }

    private static void assertBitsEqual(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                throw new AssertionError(what + "[" + i + "]: expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }

    // ---- the clamp ----

    @Test
    void clampSetsValuesOutsideTheUnitIntervalToExactlyZeroOrOneAndLeavesTheRestBitForBit() throws Exception {
        BankLayout layout = new BankLayout(new int[] {0}, 2, Granularity.WEIGHT,
                List.of(new FilteredTensor("w", new long[] {24}, new long[] {1, 24})));
        float[] values = {-Float.MAX_VALUE, -1e30f, -5f, -1f, -0.3f, -1e-8f, Float.MIN_VALUE, 0f, 1e-8f, 0.3f, 0.5f,
            0.99999994f, 1f, 1.0000001f, 1.3f, 1.5f, 2f, 5f, 1000.25f, 1.6777216e7f, 1e8f, 1e30f, Float.MAX_VALUE,
            Math.nextDown(0f)};
        AlphaBank bank = AlphaBank.load(layout, Map.of("w", new HostTensor(new long[] {1, 24}, values)), manager,
                "test");

        bank.clamp();

        float[] clamped = bank.alphas().get("w").toFloatArray();
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (v < 0) {
                assertEquals(0f, clamped[i], 0f, "alpha " + v + " below 0");
            } else if (v > 1) {
                assertEquals(1f, clamped[i], 0f, "alpha " + v + " above 1");
            } else {
                assertEquals(Float.floatToRawIntBits(v), Float.floatToRawIntBits(clamped[i]),
                        "alpha " + v + " inside [0, 1] keeps its bits, got " + clamped[i]);
            }
        }
    }

    @Test
    void clampMapsInfinitiesToTheBoundsButKeepsNaNSoThatAllFiniteStillSeesIt() throws Exception {
        BankLayout layout = new BankLayout(new int[] {0}, 2, Granularity.WEIGHT,
                List.of(new FilteredTensor("w", new long[] {3}, new long[] {1, 3})));
        AlphaBank infinite = AlphaBank.load(layout, Map.of("w", new HostTensor(new long[] {1, 3},
                new float[] {Float.NEGATIVE_INFINITY, 0.25f, Float.POSITIVE_INFINITY})), manager, "test");
        infinite.clamp();
        assertArrayEquals(new float[] {0f, 0.25f, 1f}, infinite.alphas().get("w").toFloatArray(), 0f);
        assertTrue(infinite.allFinite());

        AlphaBank nan = AlphaBank.load(layout, Map.of("w", new HostTensor(new long[] {1, 3},
                new float[] {Float.NaN, 0.25f, 2f})), manager, "test");
        nan.clamp();
        float[] after = nan.alphas().get("w").toFloatArray();
        assertTrue(Float.isNaN(after[0]), "NaN is not hidden by the clamp: " + after[0]);
        assertEquals(1f, after[2], 0f);
        assertTrue(!nan.allFinite());
    }

    @Test
    void clampKeepsTheSameArraysSoTheOptimiserStillUpdatesThemAndTheyStillTakeGradients() throws Exception {
        BankLayout layout = new BankLayout(new int[] {0}, 2, Granularity.WEIGHT,
                List.of(new FilteredTensor("w", new long[] {2}, new long[] {1, 2})));
        AlphaBank bank = AlphaBank.load(layout, Map.of("w", new HostTensor(new long[] {1, 2},
                new float[] {1.5f, 0.5f})), manager, "test");
        NDArray before = bank.alphas().get("w");
        before.setRequiresGradient(true);

        bank.clamp();

        assertTrue(before == bank.alphas().get("w"), "the clamp works in place");
        assertArrayEquals(new float[] {1f, 0.5f}, before.toFloatArray(), 0f);
        assertTrue(before.hasGradient(), "the array still takes gradients after the clamp");
    }

    // ---- filter granularity ----

    @Test
    void filterGranularityGivesOneAlphaPerOutputChannelOrUnit() throws Exception {
        BankLayout layout = BankLayout.of(smallCnn, new int[] {1, 4, 7}, Granularity.FILTER,
                LayerSelection.defaults());
        Map<String, FilteredTensor> byName = new LinkedHashMap<>();
        layout.tensors().forEach(t -> byName.put(t.name(), t));

        assertEquals(List.of("conv1.weight", "conv2.weight", "fc1.weight", "fc2.weight"), List.copyOf(byName.keySet()));
        assertArrayEquals(new long[] {3, 32, 1, 1, 1}, byName.get("conv1.weight").alphaShape());
        assertArrayEquals(new long[] {32, 1, 1, 1}, byName.get("conv1.weight").rowShape());
        assertArrayEquals(new long[] {3, 64, 1, 1, 1}, byName.get("conv2.weight").alphaShape());
        assertArrayEquals(new long[] {3, 128, 1}, byName.get("fc1.weight").alphaShape());
        assertArrayEquals(new long[] {128, 3136}, byName.get("fc1.weight").parameterShape());
        assertArrayEquals(new long[] {3, 10, 1}, byName.get("fc2.weight").alphaShape());
        assertEquals(32 + 64 + 128 + 10, layout.tensors().stream().mapToLong(FilteredTensor::alphasPerRow).sum());
        assertEquals(3L * (32 + 64 + 128 + 10), layout.alphaCount());

        BankLayout weight = BankLayout.of(smallCnn, new int[] {1, 4, 7}, Granularity.WEIGHT,
                LayerSelection.defaults());
        assertArrayEquals(new long[] {3, 32, 1, 3, 3}, weight.tensors().get(0).alphaShape());
        assertArrayEquals(new long[] {3, 128, 3136}, weight.tensors().get(2).alphaShape());
        // 288 + 18432 + 401408 + 1280 = 421408 weights (421,642 parameters with the biases, docs/method.md),
        // three rows of them
        assertEquals(3L * 421_408, weight.alphaCount());
    }

    @Test
    void aFilterRowMultipliesEachOutputChannelOfTheWeightByOneValue() throws Exception {
        NetworkWeights weights = NetworkWeights.initialise(smallCnn, manager, 3);
        Map<String, HostTensor> original = weights.toHost();
        BankLayout layout = BankLayout.of(smallCnn, new int[] {0, 3, 9}, Granularity.FILTER,
                LayerSelection.defaults());
        Map<String, HostTensor> alphas = randomAlphas(layout, 11, 0f, 1f);
        AlphaBank bank = AlphaBank.load(layout, alphas, manager, "test");
        int row = 1;

        try (FilteredModel filtered = new FilteredModel(smallCnn, weights, Normalization.fashionMnist(), bank,
                new int[] {row})) {
            for (FilteredTensor tensor : layout.tensors()) {
                float[] w = original.get(tensor.name()).data();
                float[] alpha = alphas.get(tensor.name()).data();
                int out = (int) tensor.filters();
                int perFilter = w.length / out;
                float[] expected = new float[w.length];
                for (int o = 0; o < out; o++) {
                    float a = alpha[row * out + o];
                    for (int k = 0; k < perFilter; k++) {
                        expected[o * perFilter + k] = a * w[o * perFilter + k];
                    }
                }
                assertBitsEqual(tensor.name(), expected, filtered.get(tensor.name()).toFloatArray());
            }
            for (ParameterSpec spec : smallCnn.parameters()) {
                if (layout.tensors().stream().noneMatch(t -> t.name().equals(spec.name()))) {
                    assertBitsEqual(spec.name() + " is not filtered", original.get(spec.name()).data(),
                            filtered.get(spec.name()).toFloatArray());
                }
            }
        }
    }

    @Test
    void theTrainingViewOfARowIsTheWeightTimesThatRowBroadcast() throws Exception {
        NetworkWeights weights = NetworkWeights.initialise(smallCnn, manager, 4);
        BankLayout layout = BankLayout.of(smallCnn, new int[] {2, 6}, Granularity.FILTER,
                new LayerSelection(true, false, List.of("conv2", "fc2")));
        assertEquals(List.of("conv2.weight", "conv2.bias", "fc2.weight", "fc2.bias"),
                layout.tensors().stream().map(FilteredTensor::name).toList());
        Map<String, HostTensor> alphas = randomAlphas(layout, 12, 0f, 1f);
        AlphaBank bank = AlphaBank.load(layout, alphas, manager, "test");

        float[] bias = weights.get("conv2.bias").toFloatArray();
        float[] alpha = alphas.get("conv2.bias").data();
        float[] expected = new float[64];
        for (int o = 0; o < 64; o++) {
            expected[o] = bias[o] * alpha[64 + o];
        }
        assertBitsEqual("conv2.bias under row 1", expected, bank.row(weights, 1).get("conv2.bias").toFloatArray());
        assertTrue(bank.row(weights, 1).get("conv1.weight") == weights.get("conv1.weight"),
                "an unfiltered parameter is the weight itself");
    }

    // ---- rows combined ----

    @Test
    void combiningTwoRowsMultipliesTheWeightByBothAlphasAndNoRowsGivesTheOriginal() throws Exception {
        NetworkWeights weights = NetworkWeights.initialise(smallCnn, manager, 5);
        Map<String, HostTensor> original = weights.toHost();
        BankLayout layout = BankLayout.of(smallCnn, new int[] {0, 1, 2, 3}, Granularity.WEIGHT,
                LayerSelection.defaults());
        Map<String, HostTensor> alphas = randomAlphas(layout, 13, 0f, 1f);
        AlphaBank bank = AlphaBank.load(layout, alphas, manager, "test");
        int a = 3;
        int b = 1;

        try (FilteredModel both = new FilteredModel(smallCnn, weights, Normalization.fashionMnist(), bank,
                new int[] {a, b})) {
            for (FilteredTensor tensor : layout.tensors()) {
                float[] w = original.get(tensor.name()).data();
                float[] alpha = alphas.get(tensor.name()).data();
                int k = w.length;
                float[] expected = new float[k];
                for (int i = 0; i < k; i++) {
                    // (alpha_a * alpha_b) * w, the rounding order of a product of rows applied once
                    float product = alpha[a * k + i] * alpha[b * k + i];
                    expected[i] = product * w[i];
                }
                float[] actual = both.get(tensor.name()).toFloatArray();
                assertBitsEqual(tensor.name() + " under rows {3, 1}", expected, actual);
                // and within rounding of w * alpha_a * alpha_b in the other order
                for (int i = 0; i < k; i++) {
                    double reference = (double) w[i] * alpha[a * k + i] * alpha[b * k + i];
                    assertEquals(reference, actual[i], 1e-6 * Math.abs(reference) + 1e-12, tensor.name() + "[" + i + "]");
                }
            }
        }
        try (FilteredModel none = new FilteredModel(smallCnn, weights, Normalization.fashionMnist(), bank,
                new int[0])) {
            for (ParameterSpec spec : smallCnn.parameters()) {
                assertTrue(none.get(spec.name()) == weights.get(spec.name()), spec.name() + " is the original");
            }
        }
    }

    @Test
    void combinedRowsOfAFilterBankAreTheProductOfTheRowsPerChannel() throws Exception {
        BankLayout layout = BankLayout.of(smallCnn, new int[] {4, 5, 8}, Granularity.FILTER,
                LayerSelection.defaults());
        Map<String, HostTensor> alphas = randomAlphas(layout, 14, 0f, 1f);
        AlphaBank bank = AlphaBank.load(layout, alphas, manager, "test");

        Map<String, NDArray> combined = bank.combinedRows(new int[] {0, 2}, manager);
        float[] fc1 = alphas.get("fc1.weight").data();
        float[] expected = new float[128];
        for (int o = 0; o < 128; o++) {
            expected[o] = fc1[o] * fc1[2 * 128 + o];
        }
        assertArrayEquals(new long[] {128, 1}, combined.get("fc1.weight").getShape().getShape());
        assertBitsEqual("fc1.weight rows {0, 2}", expected, combined.get("fc1.weight").toFloatArray());

        Map<String, NDArray> empty = bank.combinedRows(new int[0], manager);
        for (NDArray ones : empty.values()) {
            for (float v : ones.toFloatArray()) {
                assertEquals(1f, v, 0f);
            }
        }
    }
}
