package dev.wfnet.unlearn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.wfnet.model.EngineValues;
import dev.wfnet.model.TorchRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Both forget losses against a computation in double precision on the host, values and gradients
 * (central differences), including a sample the model is sure of, where 1 - p_y rounds to zero in
 * single precision.
 */
class ForgetLossTest {
    private static final float[] LOGITS = {40f, 0f, 0f, 1f, 2f, 3f, -2f, 0.5f, 0.25f};
    private static final int[] LABELS = {0, 2, 1};
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = TorchRuntime.newManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** -log(1 - softmax(z)_y) in double. */
    private static double logComplement(double[] z, int y) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double all = 0;
        double others = 0;
        for (int j = 0; j < z.length; j++) {
            all += Math.exp(z[j] - max);
            others += j == y ? 0 : Math.exp(z[j] - max);
        }
        return -(Math.log(others) - Math.log(all));
    }

    /** 1 / (CE + eps) in double. */
    private static double inverse(double[] z, int y, double eps) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double all = 0;
        for (double v : z) {
            all += Math.exp(v - max);
        }
        double crossEntropy = -(z[y] - max - Math.log(all));
        return 1 / (crossEntropy + eps);
    }

    private static double[] row(int sample) {
        double[] z = new double[3];
        for (int j = 0; j < 3; j++) {
            z[j] = LOGITS[sample * 3 + j];
        }
        return z;
    }

    private void check(ForgetLoss loss, double eps, java.util.function.BiFunction<double[], Integer, Double> host,
                       double valueTolerance) {
        NDArray logits = EngineValues.copyOf(manager, LOGITS, new Shape(3, 3));
        logits.setRequiresGradient(true);
        NDArray labels = EngineValues.copyOf(manager, LABELS);
        float[] values;
        float[] gradient;
        try (GradientCollector collector = TorchRuntime.engine().newGradientCollector()) {
            NDArray perSample = loss.perSample(logits, labels, eps);
            values = perSample.toFloatArray();
            collector.backward(perSample.sum());
        }
        gradient = logits.getGradient().toFloatArray();
        for (int sample = 0; sample < 3; sample++) {
            double[] z = row(sample);
            double expected = host.apply(z, LABELS[sample]);
            assertEquals(expected, values[sample], valueTolerance * Math.max(1, Math.abs(expected)),
                    loss + " of sample " + sample);
            for (int j = 0; j < 3; j++) {
                double h = 1e-4;
                double[] up = z.clone();
                double[] down = z.clone();
                up[j] += h;
                down[j] -= h;
                double slope = (host.apply(up, LABELS[sample]) - host.apply(down, LABELS[sample])) / (2 * h);
                assertEquals(slope, gradient[sample * 3 + j], 1e-3 * Math.max(1, Math.abs(slope)),
                        loss + " gradient of sample " + sample + ", logit " + j);
            }
        }
    }

    @Test
    void theLogComplementMatchesDoublePrecisionEvenWhereOneMinusPRoundsToZero() {
        // sample 0: p_y = 1 - 2e-40/(1 + ...) is 1.0f, yet the loss is 40 - log 2 and its gradient p_y = 1
        check(ForgetLoss.LOG_COMPLEMENT, 0, ForgetLossTest::logComplement, 1e-5);
        assertEquals(40 - Math.log(2), logComplement(row(0), 0), 1e-12, "the hand value of sample 0");
    }

    @Test
    void theInverseIsThePapersOneOverCrossEntropyPlusEps() {
        check(ForgetLoss.INVERSE, 0.5, (z, y) -> inverse(z, y, 0.5), 1e-5);
    }
}
