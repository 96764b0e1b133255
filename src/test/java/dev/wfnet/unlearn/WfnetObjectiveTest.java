package dev.wfnet.unlearn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.ImageShape;
import dev.wfnet.data.Normalization;
import dev.wfnet.io.HostTensor;
import dev.wfnet.model.Architecture;
import dev.wfnet.model.ArchitectureCatalog;
import dev.wfnet.model.ArchitectureSpec;
import dev.wfnet.model.NativeManagerExtension;
import dev.wfnet.model.NetworkWeights;
import dev.wfnet.model.TorchRuntime;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * WF-Net's objective on a network small enough to compute by hand: catalogue "mlp" with one hidden
 * layer of 4 units on 1x4x4 inputs and 3 classes, a three-row weight bank with alphas in (0.2, 0.9).
 * The loss value is checked against a double-precision forward written with loops here; its
 * gradient with respect to every alpha against central finite differences, both of that host
 * forward (tight) and of the objective itself re-evaluated in float32 (loose).
 */
@ExtendWith(NativeManagerExtension.class)
class WfnetObjectiveTest {
    private static final ImageShape INPUT = new ImageShape(1, 4, 4);
    private static final int CLASSES = 3;
    private static final int HIDDEN = 4;
    private static final double L0 = 0.7;
    private static final double L1 = 1.3;
    private static final double L2 = 0.5;
    private static final double EPS = 0.5;

    /** The objective's weights and eps above, B = 8, T = 2. */
    private static UntrainConfig config() {
        return UntrainConfig.builder().set(UntrainConfig.FORGET_LOSS, ForgetLoss.INVERSE)
                .set(UntrainConfig.RETAIN_WEIGHT, L0).set(UntrainConfig.FORGET_WEIGHT, L1)
                .set(UntrainConfig.SPARSITY_WEIGHT, L2).set(UntrainConfig.EPSILON, EPS)
                .set(UntrainConfig.BATCH_SIZE, 8).build();
    }
    private static final Normalization NORMALIZATION = new Normalization(new double[] {0.5}, new double[] {0.25});

    private NDManager manager;
    private Architecture mlp;
    private NetworkWeights weights;
    private Map<String, HostTensor> hostWeights;
    private ImageDataset data;
    private BankLayout layout;
    private Map<String, HostTensor> alphas;
    private WfnetObjective objective;

    @BeforeEach
    void setUp(NDManager manager) throws Exception {
        this.manager = manager;
        mlp = ArchitectureCatalog.create(ArchitectureSpec.of("mlp", Map.of("hidden", "4")), INPUT, CLASSES);
        weights = NetworkWeights.initialise(mlp, manager, 21);
        hostWeights = weights.toHost();
        Random random = new Random(8);
        int[] labels = {0, 1, 2, 0, 1, 2, 0, 1};
        byte[] pixels = new byte[labels.length * INPUT.pixelCount()];
        random.nextBytes(pixels);
        data = new ImageDataset("hand-made", INPUT, pixels, labels, List.of("a", "b", "c"));
        layout = BankLayout.of(mlp, new int[] {0, 1, 2}, Granularity.WEIGHT, LayerSelection.defaults());
        alphas = AlphaBankTest.randomAlphas(layout, 9, 0.2f, 0.9f);
        objective = new WfnetObjective(mlp, weights, config());
    }

    /**
     * Forget samples 0, 1, 2, 4 under their own rows; retain samples (two copies of four) under rows
     * of other classes; every row gets forget and retain images.
     */
    private static LabelExpansion expansion() {
        // labels: 0->0, 1->1, 2->2, 3->0, 4->1, 5->2, 6->0, 7->1
        return new LabelExpansion(new int[] {0, 1, 2, 4}, new int[] {0, 1, 2, 1},
                new int[] {3, 5, 6, 7, 3, 5, 6, 7}, new int[] {1, 0, 2, 2, 2, 1, 1, 0});
    }

    // ---- the independent host computation ----

    /** Logits of one image under one row, in double, from the host copies. */
    private double[] hostLogits(Map<String, HostTensor> alpha, int sample, int row) {
        float[] w1 = hostWeights.get("fc1.weight").data();
        float[] b1 = hostWeights.get("fc1.bias").data();
        float[] w2 = hostWeights.get("fc2.weight").data();
        float[] b2 = hostWeights.get("fc2.bias").data();
        float[] a1 = alpha.get("fc1.weight").data();
        float[] a2 = alpha.get("fc2.weight").data();
        int in = INPUT.pixelCount();
        double[] x = new double[in];
        for (int i = 0; i < in; i++) {
            x[i] = (data.pixel(sample, i) / 255.0 - 0.5) / 0.25;
        }
        double[] h = new double[HIDDEN];
        for (int j = 0; j < HIDDEN; j++) {
            double z = b1[j];
            for (int i = 0; i < in; i++) {
                z += (double) w1[j * in + i] * a1[row * HIDDEN * in + j * in + i] * x[i];
            }
            h[j] = Math.max(0, z);
        }
        double[] logits = new double[CLASSES];
        for (int k = 0; k < CLASSES; k++) {
            double z = b2[k];
            for (int j = 0; j < HIDDEN; j++) {
                z += (double) w2[k * HIDDEN + j] * a2[row * CLASSES * HIDDEN + k * HIDDEN + j] * h[j];
            }
            logits[k] = z;
        }
        return logits;
    }

    private static double[] logSoftmax(double[] logits) {
        double max = java.util.Arrays.stream(logits).max().orElseThrow();
        double sum = 0;
        for (double z : logits) {
            sum += Math.exp(z - max);
        }
        double logSum = max + Math.log(sum);
        return java.util.Arrays.stream(logits).map(z -> z - logSum).toArray();
    }

    /** Cross-entropy of one image under one row against its label. */
    private double hostCrossEntropy(Map<String, HostTensor> alpha, int sample, int row) {
        return -logSoftmax(hostLogits(alpha, sample, row))[data.label(sample)];
    }

    /** Cross-entropy of one image under one row against the unfiltered network's distribution. */
    private double hostDistillation(Map<String, HostTensor> alpha, int sample, int row) {
        Map<String, HostTensor> ones = new LinkedHashMap<>();
        alpha.forEach((name, tensor) -> {
            float[] values = new float[tensor.data().length];
            java.util.Arrays.fill(values, 1f);
            ones.put(name, new HostTensor(tensor.shape(), values));
        });
        double[] teacher = logSoftmax(hostLogits(ones, sample, 0));
        double[] student = logSoftmax(hostLogits(alpha, sample, row));
        double crossEntropy = 0;
        for (int k = 0; k < CLASSES; k++) {
            crossEntropy -= Math.exp(teacher[k]) * student[k];
        }
        return crossEntropy;
    }

    /** The smallest |pre-activation| of a hidden unit over every (image, row) pair. */
    private double hostReluMargin(Map<String, HostTensor> alpha, LabelExpansion expansion) {
        float[] w1 = hostWeights.get("fc1.weight").data();
        float[] b1 = hostWeights.get("fc1.bias").data();
        float[] a1 = alpha.get("fc1.weight").data();
        int in = INPUT.pixelCount();
        double margin = Double.POSITIVE_INFINITY;
        int[][] pairs = new int[2][];
        pairs[0] = concat(expansion.forgetSamples(), expansion.retainSamples());
        pairs[1] = concat(expansion.forgetRows(), expansion.retainRows());
        for (int p = 0; p < pairs[0].length; p++) {
            for (int j = 0; j < HIDDEN; j++) {
                double z = b1[j];
                for (int i = 0; i < in; i++) {
                    z += (double) w1[j * in + i] * a1[pairs[1][p] * HIDDEN * in + j * in + i]
                            * ((data.pixel(pairs[0][p], i) / 255.0 - 0.5) / 0.25);
                }
                margin = Math.min(margin, Math.abs(z));
            }
        }
        return margin;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** The three terms and the loss, in double. */
    private double[] hostLoss(Map<String, HostTensor> alpha, LabelExpansion expansion) {
        double forget = 0;
        for (int i = 0; i < expansion.forgetSamples().length; i++) {
            forget += 1 / (hostCrossEntropy(alpha, expansion.forgetSamples()[i], expansion.forgetRows()[i]) + EPS);
        }
        forget /= expansion.forgetSamples().length;
        double retain = 0;
        for (int i = 0; i < expansion.retainSamples().length; i++) {
            retain += hostCrossEntropy(alpha, expansion.retainSamples()[i], expansion.retainRows()[i]);
        }
        retain /= expansion.retainSamples().length;
        double sum = 0;
        long count = 0;
        for (HostTensor tensor : alpha.values()) {
            for (float a : tensor.data()) {
                sum += a;
                count++;
            }
        }
        double sparsity = 1 - sum / count;
        return new double[] {L0 * retain + L1 * forget + L2 * sparsity, retain, forget, sparsity};
    }

    private static Map<String, HostTensor> perturbed(Map<String, HostTensor> alpha, String name, int index,
                                                     double delta) {
        Map<String, HostTensor> copy = new LinkedHashMap<>();
        alpha.forEach((key, tensor) -> {
            float[] values = tensor.data().clone();
            if (key.equals(name)) {
                values[index] = (float) (values[index] + delta);
            }
            copy.put(key, new HostTensor(tensor.shape(), values));
        });
        return copy;
    }

    // ---- the objective in DJL ----

    private record Evaluated(double loss, double retain, double forget, double sparsity,
                             Map<String, float[]> gradients) {
    }

    private Evaluated evaluate(Map<String, HostTensor> alpha, LabelExpansion expansion, boolean withGradient)
            throws Exception {
        try (NDManager scope = manager.newSubManager()) {
            AlphaBank bank = AlphaBank.load(layout, alpha, scope, "test");
            GroupedBatch batch = GroupedBatch.of(expansion, data, NORMALIZATION);
            NDArray images = scope.create(FloatBuffer.wrap(batch.pixels()),
                    new Shape(INPUT.asBatchShape(batch.size())));
            NDArray labels = scope.create(batch.labels());
            WfnetObjective.Terms terms;
            Map<String, float[]> gradients = new LinkedHashMap<>();
            if (withGradient) {
                bank.alphas().values().forEach(a -> a.setRequiresGradient(true));
                try (GradientCollector collector = TorchRuntime.engine().newGradientCollector()) {
                    terms = objective.evaluate(bank, batch, images, labels);
                    collector.backward(terms.loss());
                }
                bank.alphas().forEach((name, a) -> gradients.put(name, a.getGradient().toFloatArray()));
            } else {
                terms = objective.evaluate(bank, batch, images, labels);
            }
            return new Evaluated(terms.loss().getFloat(), terms.retain(), terms.forget(), terms.sparsity(),
                    gradients);
        }
    }

    @Test
    void theLossIsTheWeightedSumOfTheThreeTermsComputedByHand() throws Exception {
        LabelExpansion expansion = expansion();
        Evaluated torch = evaluate(alphas, expansion, false);
        double[] host = hostLoss(alphas, expansion);
        System.out.printf("objective by hand: loss %.7f (retain %.7f, forget %.7f, sparsity %.7f); DJL %.7f%n",
                host[0], host[1], host[2], host[3], torch.loss());

        assertEquals(host[1], torch.retain(), 2e-6 * Math.abs(host[1]), "retain term: mean CE over 8 pairs");
        assertEquals(host[2], torch.forget(), 2e-6 * Math.abs(host[2]), "forget term: mean 1/(CE + eps) over 4");
        assertEquals(host[3], torch.sparsity(), 2e-6, "sparsity term: mean(1 - alpha) over 228 alphas");
        assertEquals(host[0], torch.loss(), 2e-6 * Math.abs(host[0]), "l0 * retain + l1 * forget + l2 * sparsity");
        // the three terms carry their own weights: swapping any two changes the loss
        assertTrue(Math.abs(host[1] - host[2]) > 0.05 && Math.abs(host[2] - host[3]) > 0.05
                && Math.abs(host[1] - host[3]) > 0.05, "terms distinct enough to tell the weights apart");
    }

    @Test
    void withTheOriginalAsRetainTargetTheRetainTermIsTheCrossEntropyToTheOriginalDistribution() throws Exception {
        LabelExpansion expansion = expansion();
        double labels = evaluate(alphas, expansion, false).retain();
        objective = new WfnetObjective(mlp, weights, config().with(UntrainConfig.RETAIN_TARGET,
                RetainTarget.ORIGINAL));
        Evaluated torch = evaluate(alphas, expansion, false);
        double expected = 0;
        for (int i = 0; i < expansion.retainSamples().length; i++) {
            expected += hostDistillation(alphas, expansion.retainSamples()[i], expansion.retainRows()[i]);
        }
        expected /= expansion.retainSamples().length;
        assertEquals(expected, torch.retain(), 2e-6 * Math.abs(expected));
        assertEquals(hostLoss(alphas, expansion)[2], torch.forget(), 2e-6 * torch.forget(), "forget term unchanged");
        assertTrue(Math.abs(labels - torch.retain()) > 0.01, "a different target: " + labels + " vs " + torch.retain());
    }

    @Test
    void theGradientOfEveryAlphaMatchesFiniteDifferencesOfTheHandComputation() throws Exception {
        LabelExpansion expansion = expansion();
        double margin = hostReluMargin(alphas, expansion);
        // a perturbation of 1e-5 moves a pre-activation by at most 1e-5 * |w * x| < 1e-4
        assertTrue(margin > 1e-3, "no hidden unit sits on its ReLU kink: margin " + margin);
        Evaluated torch = evaluate(alphas, expansion, true);
        double h = 1e-5;
        double worst = 0;
        int checked = 0;
        for (FilteredTensor tensor : layout.tensors()) {
            float[] gradient = torch.gradients().get(tensor.name());
            float[] values = alphas.get(tensor.name()).data();
            for (int index = 0; index < values.length; index++) {
                double numeric = (hostLoss(perturbed(alphas, tensor.name(), index, h), expansion)[0]
                        - hostLoss(perturbed(alphas, tensor.name(), index, -h), expansion)[0])
                        // the float the perturbation actually made, not the h asked for
                        / ((double) (float) (values[index] + h) - (double) (float) (values[index] - h));
                double error = Math.abs(numeric - gradient[index]);
                worst = Math.max(worst, error / (1e-4 + Math.abs(numeric)));
                assertEquals(numeric, gradient[index], 1e-5 + 1e-3 * Math.abs(numeric),
                        "d loss / d " + tensor.name() + "[" + index + "] (row " + index / (values.length / 3) + ")");
                checked++;
            }
        }
        assertEquals(3 * (64 + 12), checked, "every alpha of all three rows, output layer included");
        System.out.printf("gradient vs host finite differences: %d alphas, worst relative error %.2e%n", checked,
                worst);
    }

    @Test
    void theGradientMatchesFiniteDifferencesOfTheObjectiveItselfInFloat32() throws Exception {
        LabelExpansion expansion = expansion();
        Evaluated torch = evaluate(alphas, expansion, true);
        double h = 2e-3;
        // |w * x| <= 0.25 * 2 for fc1 (fan-in 16 init, inputs normalised into [-2, 2]): a perturbation
        // of h moves a pre-activation by at most h / 2
        double margin = hostReluMargin(alphas, expansion);
        assertTrue(margin > h / 2, "perturbations stay clear of every ReLU kink: margin " + margin);
        double worstAbsolute = 0;
        int checked = 0;
        for (FilteredTensor tensor : layout.tensors()) {
            float[] gradient = torch.gradients().get(tensor.name());
            float[] values = alphas.get(tensor.name()).data();
            int perRow = values.length / 3;
            // every alpha of the output layer, every fifth of the hidden layer, across all three rows
            int stride = tensor.name().equals("fc2.weight") ? 1 : 5;
            for (int index = 0; index < values.length; index += stride) {
                double plus = evaluate(perturbed(alphas, tensor.name(), index, h), expansion, false).loss();
                double minus = evaluate(perturbed(alphas, tensor.name(), index, -h), expansion, false).loss();
                double step = (double) (float) (values[index] + h) - (double) (float) (values[index] - h);
                double numeric = (plus - minus) / step;
                worstAbsolute = Math.max(worstAbsolute, Math.abs(numeric - gradient[index]));
                assertEquals(numeric, gradient[index], Math.max(5e-4, 1e-2 * Math.abs(numeric)),
                        "d loss / d " + tensor.name() + "[" + index + "] (row " + index / perRow + ")");
                checked++;
            }
        }
        System.out.printf("gradient vs float32 finite differences: %d alphas, worst absolute error %.2e%n", checked,
                worstAbsolute);
        assertTrue(checked > 40);
    }

    @Test
    void aRowNoSampleUsesGetsOnlyTheSparsityGradient() throws Exception {
        // rows 0 and 1 only: row 2's alphas touch nothing but mean(1 - alpha)
        LabelExpansion twoRows = new LabelExpansion(new int[] {0, 1}, new int[] {0, 1}, new int[] {5, 2},
                new int[] {0, 1});
        Evaluated torch = evaluate(alphas, twoRows, true);
        double expected = -L2 / layout.alphaCount();
        for (FilteredTensor tensor : layout.tensors()) {
            float[] gradient = torch.gradients().get(tensor.name());
            int perRow = gradient.length / 3;
            for (int i = 2 * perRow; i < 3 * perRow; i++) {
                assertEquals(expected, gradient[i], 1e-9, tensor.name() + "[" + i + "] of the unused row");
            }
            double used = 0;
            for (int i = 0; i < 2 * perRow; i++) {
                used = Math.max(used, Math.abs(gradient[i] - expected));
            }
            assertTrue(used > 1e-4, tensor.name() + ": rows in use get more than the sparsity gradient");
        }
        double[] host = hostLoss(alphas, twoRows);
        assertEquals(host[0], torch.loss(), 2e-6 * Math.abs(host[0]));
    }

    /**
     * The forget term of each row's group keeps the scalars of {@code + eps} and {@code ^ -1} for
     * the backward pass; here every group's forward starts with a collection that frees whatever
     * Java memory the engine was lent and fills it with NaN. The gradient must not change by a bit.
     */
    @Test
    void aCollectionDuringTheForwardPassChangesNoGradientBit() throws Exception {
        LabelExpansion expansion = expansion();
        Evaluated quiet = evaluate(alphas, expansion, true);
        List<java.nio.ByteBuffer> reused = new java.util.ArrayList<>();
        dev.wfnet.model.ParameterSource collecting = name -> {
            if (name.equals("fc1.weight")) {
                reused.addAll(dev.wfnet.model.FreedBuffers.collectAndReuse());
            }
            return weights.get(name);
        };
        objective = new WfnetObjective(mlp, collecting, config());
        Evaluated collected = evaluate(alphas, expansion, true);

        assertEquals(3 * 256, reused.size(), "one collection per row's forward");
        assertEquals(quiet.loss(), collected.loss());
        for (String name : quiet.gradients().keySet()) {
            float[] expected = quiet.gradients().get(name);
            float[] actual = collected.gradients().get(name);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                        name + "[" + i + "]: " + expected[i] + " then " + actual[i]);
            }
        }
    }
}
