package dev.wfnet.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.wfnet.WfnetException;
import dev.wfnet.data.DatasetSplits;
import dev.wfnet.data.FashionMnist;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.ImageShape;
import dev.wfnet.data.Normalization;
import dev.wfnet.io.HostTensor;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.jobs.JobCancelledException;
import dev.wfnet.jobs.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The optimiser and loss against hand computations, and a real short training run on the bundled
 * Fashion-MNIST subset: it learns, it repeats bit for bit from its seed, and it stops when cancelled.
 */
@ExtendWith(NativeManagerExtension.class)
class BaseModelTrainerTest {
    /**
     * Test accuracy after one epoch of small-cnn (Adam 1e-3, batch 128, seed 42) on the 6000
     * bundled training images, measured on the 2000 bundled test images at 0.7570 (PyTorch 2.7.1
     * CPU, 2 threads); the threshold, about 10% below, leaves room for another machine's thread
     * count and rounding while an untrained or broken model (about 0.10) fails by far.
     */
    static final double MIN_ACCURACY_AFTER_ONE_EPOCH = 0.68;

    private NDManager manager;

    @BeforeEach
    void open(NDManager manager) {
        this.manager = manager;
    }

    /** Puts {@code gradient} on {@code weight} through autograd: d/dw sum(w * g) = g. */
    private void setGradient(NDArray weight, float... gradient) {
        try (GradientCollector collector = TorchRuntime.engine().newGradientCollector()) {
            NDArray g = manager.create(gradient).reshape(weight.getShape());
            collector.backward(weight.mul(g).sum());
        }
    }

    // ---- (a) the optimiser by hand ----

    @Test
    void adamFirstStepMovesEachWeightByTheLearningRateAgainstItsGradientSign() {
        NDArray w = manager.create(new float[] {1.0f, -2.0f, 0.5f, 3.0f});
        GradientOptimizer adam = new GradientOptimizer(TrainingConfig.OptimizerKind.ADAM, 0.9, 0, Map.of("w", w));
        float[] g = {0.5f, -3.0f, 1e-3f, 40f};

        setGradient(w, g);
        adam.step(0.1);

        // m_hat = g, v_hat = g^2: the step is lr * g / (|g| + eps), lr * sign(g) up to eps
        float[] after = w.toFloatArray();
        float[] before = {1.0f, -2.0f, 0.5f, 3.0f};
        for (int i = 0; i < g.length; i++) {
            double expected = before[i] - 0.1 * g[i] / (Math.abs(g[i]) + 1e-8);
            assertEquals(expected, after[i], 2e-6, "element " + i);
            assertEquals(0.1, Math.abs(after[i] - before[i]), 2e-6, "element " + i + " moves by lr");
        }
        assertEquals(1, adam.steps());
        assertArrayEquals(new float[4], w.getGradient().toFloatArray(), "gradients are zeroed after a step");
    }

    @Test
    void adamOnAScalarParameterFollowsTheTextbookUpdateOverTwoSteps() {
        NDArray w = manager.create(2.0f);
        assertEquals(0, w.getShape().dimension(), "a 0-d parameter");
        GradientOptimizer adam = new GradientOptimizer(TrainingConfig.OptimizerKind.ADAM, 0.9, 0, Map.of("w", w));
        double lr = 0.1;
        double beta1 = 0.9;
        double beta2 = 0.999;
        double eps = 1e-8;
        double[] gradients = {0.25, -1.5};
        double weight = 2.0;
        double m = 0;
        double v = 0;
        for (int t = 1; t <= gradients.length; t++) {
            double g = gradients[t - 1];
            setGradient(w, (float) g);
            adam.step(lr);
            m = beta1 * m + (1 - beta1) * g;
            v = beta2 * v + (1 - beta2) * g * g;
            double mHat = m / (1 - Math.pow(beta1, t));
            double vHat = v / (1 - Math.pow(beta2, t));
            weight -= lr * mHat / (Math.sqrt(vHat) + eps);
            assertEquals(weight, w.getFloat(), 1e-5, "after step " + t);
        }
        // step 1 moves by exactly lr against the sign: 2.0 -> 1.9
        // step 2: m = 0.9*0.025 - 0.15 = -0.1275, v = 0.999*6.25e-5 + 0.001*2.25 = 0.0023124375
        // m_hat = -0.1275/0.19 = -0.67105, v_hat = 0.0023124375/0.001999 = 1.156797, so +0.1*0.623919
        assertEquals(1.9 + 0.0623919, w.getFloat(), 1e-5);
    }

    @Test
    void sgdWithMomentumOverTwoStepsByHand() {
        NDArray w = manager.create(new float[] {1.0f, -1.0f});
        GradientOptimizer sgd = new GradientOptimizer(TrainingConfig.OptimizerKind.SGD, 0.9, 0, Map.of("w", w));

        setGradient(w, 0.5f, 2.0f);
        sgd.step(0.1);
        // buffer = g1 = (0.5, 2); w = (1 - 0.05, -1 - 0.2)
        assertArrayEquals(new float[] {0.95f, -1.2f}, w.toFloatArray(), 1e-6f);

        setGradient(w, -1.0f, 1.0f);
        sgd.step(0.1);
        // buffer = 0.9 * (0.5, 2) + (-1, 1) = (-0.55, 2.8); w = (0.95 + 0.055, -1.2 - 0.28)
        assertArrayEquals(new float[] {1.005f, -1.48f}, w.toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {-0.55f, 2.8f}, sgd.firstMoments().get("w").toFloatArray(), 1e-6f);
    }

    @Test
    void weightDecayAddsTheL2TermToTheGradient() {
        NDArray w = manager.create(new float[] {2.0f});
        GradientOptimizer sgd = new GradientOptimizer(TrainingConfig.OptimizerKind.SGD, 0.0, 0.5, Map.of("w", w));
        setGradient(w, 1.0f);
        sgd.step(0.1);
        // g + wd * w = 1 + 0.5 * 2 = 2; w = 2 - 0.1 * 2
        assertEquals(1.8f, w.toFloatArray()[0], 1e-6f);
    }

    // ---- (b) the loss by hand ----

    @Test
    void crossEntropyIsTheMeanNegativeLogSoftmaxOfTheTrueClass() {
        float[][] logits = {{1.0f, 2.0f, 3.0f}, {1.0f, -1.0f, 0.5f}};
        int[] labels = {2, 0};
        double expected = 0;
        for (int row = 0; row < 2; row++) {
            double sum = 0;
            for (float z : logits[row]) {
                sum += Math.exp(z);
            }
            expected += Math.log(sum) - logits[row][labels[row]];
        }
        expected /= 2;
        // row 0: log(e + e^2 + e^3) - 3 = 0.407606; row 1: log(e + e^-1 + e^0.5) - 1 = 0.554957
        assertEquals((0.4076059644 + 0.5549569196) / 2, expected, 1e-9);

        NDArray loss = BaseModelTrainer.crossEntropy(manager.create(logits), manager.create(labels));

        assertEquals(0, loss.getShape().dimension(), "a scalar");
        assertEquals(expected, loss.getFloat(), 1e-6);
    }

    @Test
    void cosineScheduleHalvesTheRateMidwayAndEndsAtZero() {
        TrainingConfig constant = TrainingConfig.builder().set(TrainingConfig.LEARNING_RATE, 0.2).build();
        TrainingConfig cosine = constant.with(TrainingConfig.COSINE_SCHEDULE, true);
        assertEquals(0.2, BaseModelTrainer.learningRate(cosine, 0, 100), 1e-12);
        assertEquals(0.1, BaseModelTrainer.learningRate(cosine, 50, 100), 1e-12);
        assertEquals(0.0, BaseModelTrainer.learningRate(cosine, 100, 100), 1e-12);
        assertEquals(0.2, BaseModelTrainer.learningRate(constant, 50, 100));
    }

    // ---- (c) a real run ----

    private static TrainingConfig oneEpoch(long seed) {
        return TrainingConfig.builder().set(TrainingConfig.EPOCHS, 1).set(TrainingConfig.SEED, seed).build();
    }

    @Test
    void oneEpochOnTheBundledSubsetLearnsAndRepeatsBitForBitFromItsSeed() throws Exception {
        DatasetSplits data = FashionMnist.loadBundled();
        assertEquals(6000, data.train().size());
        assertEquals(2000, data.test().size());
        Architecture architecture = new SmallCnn(new ImageShape(1, 28, 28), 10);
        List<Progress> reports = new ArrayList<>();

        BaseModelTrainer.Result first = BaseModelTrainer.train(architecture, data, Normalization.fashionMnist(),
                oneEpoch(42), reports::add, CancellationToken.none());
        BaseModelTrainer.Result second = BaseModelTrainer.train(architecture, data, Normalization.fashionMnist(),
                oneEpoch(42), p -> { }, CancellationToken.none());

        double accuracy = first.testAccuracyByEpoch().get(0);
        System.out.printf("small-cnn, 1 epoch on %d bundled images: test accuracy %.4f in %.1f s%n",
                data.train().size(), accuracy, first.seconds());
        assertEquals(1, first.testAccuracyByEpoch().size());
        assertTrue(accuracy > MIN_ACCURACY_AFTER_ONE_EPOCH, "test accuracy " + accuracy);

        // 6000 / 128 -> 47 steps, then one epoch report
        long steps = reports.stream().filter(p -> p.phase().equals("train")).count();
        assertEquals(47, steps);
        assertEquals(47, reports.get(reports.size() - 1).step());
        assertEquals("epoch", reports.get(reports.size() - 1).phase());
        assertEquals(accuracy, reports.get(reports.size() - 1).metrics().get("test_accuracy"));
        double firstLoss = reports.get(0).metrics().get("loss");
        double lastLoss = reports.get(46).metrics().get("loss");
        assertTrue(firstLoss > 1.8 && lastLoss < firstLoss * 0.6, "loss " + firstLoss + " -> " + lastLoss);

        // the reported accuracy is the checkpoint's: recount it independently from its predictions
        try (LoadedModel loaded = LoadedModel.of(first.checkpoint(), "in-memory", "trained")) {
            int[] predictions = loaded.classifier().predict(data.test(), CancellationToken.none());
            int correct = 0;
            for (int i = 0; i < predictions.length; i++) {
                correct += predictions[i] == data.test().label(i) ? 1 : 0;
            }
            assertEquals(correct / 2000.0, accuracy, 1e-12);
        }

        // determinism: the same seed gives the same weights, bit for bit
        assertEquals(first.testAccuracyByEpoch(), second.testAccuracyByEpoch());
        for (Map.Entry<String, HostTensor> entry : first.checkpoint().tensors().entrySet()) {
            float[] a = entry.getValue().data();
            float[] b = second.checkpoint().tensors().get(entry.getKey()).data();
            assertEquals(a.length, b.length);
            for (int i = 0; i < a.length; i++) {
                if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                    throw new AssertionError(entry.getKey() + "[" + i + "] differs between two runs of seed 42: "
                            + a[i] + " vs " + b[i]);
                }
            }
        }

        // the checkpoint carries its provenance
        assertEquals("pretrain", first.checkpoint().provenance().command());
        assertEquals(42L, first.checkpoint().provenance().seed());
        assertEquals("adam", first.checkpoint().provenance().configuration().get("optimizer"));
        assertEquals(BaseModelTrainer.datasetHash(data.train()),
                first.checkpoint().provenance().inputs().get("train:" + data.train().name()));
    }

    // ---- (d) cancellation ----

    @Test
    void aCancelFromTheListenerAfterStepThreeStopsTraining() throws Exception {
        DatasetSplits bundled = FashionMnist.loadBundled();
        ImageDataset train = bundled.train().subset("first-1024", IntStream.range(0, 1024).toArray());
        ImageDataset test = bundled.test().subset("first-100", IntStream.range(0, 100).toArray());
        CancellationToken cancel = new CancellationToken();
        AtomicLong lastStep = new AtomicLong();
        List<String> phases = new ArrayList<>();

        assertThrows(JobCancelledException.class, () -> BaseModelTrainer.train(
                new SmallCnn(new ImageShape(1, 28, 28), 10), new DatasetSplits(train, test),
                Normalization.fashionMnist(), oneEpoch(1), progress -> {
                    phases.add(progress.phase());
                    lastStep.set(progress.step());
                    if (progress.step() == 3) {
                        cancel.cancel();
                    }
                }, cancel));

        assertEquals(3, lastStep.get(), "no step after the cancel");
        assertEquals(List.of("train", "train", "train"), phases, "no epoch report after the cancel");
    }

    @Test
    void refusesADatasetOfAnotherShapeNamingBothShapes() {
        byte[] pixels = new byte[2 * 3 * 32 * 32];
        ImageDataset cifarLike = new ImageDataset("cifar-like", new ImageShape(3, 32, 32), pixels, new int[] {0, 1},
                List.of("a", "b"));
        WfnetException e = assertThrows(WfnetException.class, () -> BaseModelTrainer.train(
                new SmallCnn(new ImageShape(1, 28, 28), 2), new DatasetSplits(cifarLike, cifarLike),
                Normalization.fashionMnist(), oneEpoch(1), p -> { }, CancellationToken.none()));
        assertEquals("model expects 1x28x28 inputs, dataset cifar-like has 3x32x32", e.getMessage());
    }
}
