package dev.wfnet.unlearn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.wfnet.model.EngineValues;
import dev.wfnet.model.TorchRuntime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Both second moments of the alphas' Adam against a hand computation; a row's share of the rate scales its step, 0 leaves it untouched. */
class AlphaAdamTest {

    @Test
    void theFirstStepMovesEachAlphaByItsGradientOverItsRowsRootMeanSquareTimesItsRowsShareOfTheRate() {
        float[] start = {1f, 1f, 1f, 1f, 0.5f, 0.5f, 0.5f, 0.5f, 0.9f, 0.9f, 0.9f, 0.9f};
        float[] gradient = {3f, -4f, 0f, 0f, 1f, 1f, 1f, 1f, 2f, 0f, 0f, 0f};
        double lr = 0.01;
        try (NDManager manager = TorchRuntime.newManager()) {
            NDArray alpha = EngineValues.copyOf(manager, start, new Shape(3, 2, 2));
            AlphaAdam optimizer = new AlphaAdam(AlphaOptimizer.ROW_ADAM, Map.of("w", alpha));
            try (NDScope scope = new NDScope()) {
                NDArray weights = EngineValues.copyOf(manager, gradient, new Shape(3, 2, 2));
                try (GradientCollector collector = TorchRuntime.engine().newGradientCollector()) {
                    collector.backward(alpha.mul(weights).sum());
                }
                optimizer.step(lr, new double[] {1, 0.5, 0});
            }
            float[] after = alpha.toFloatArray();
            // after bias correction m = g and v = mean over the row of g^2: row 0 has RMS 2.5, row 1 RMS 1;
            // row 0 takes the whole rate, row 1 half of it, row 2 none (frozen)
            double[] rms = {Math.sqrt((9 + 16) / 4.0), 1};
            for (int i = 0; i < 8; i++) {
                double share = i < 4 ? 1 : 0.5;
                double expected = start[i] - share * lr * gradient[i] / rms[i / 4];
                assertEquals(expected, after[i], 1e-6, "alpha " + i);
            }
            assertArrayEquals(new float[] {0.9f, 0.9f, 0.9f, 0.9f}, java.util.Arrays.copyOfRange(after, 8, 12),
                    "the frozen row is as it was");
            assertArrayEquals(new long[] {3, 1, 1}, optimizer.secondMoments().get("w").getShape().getShape());
            assertEquals(0f, alpha.getGradient().sum().getFloat(), "gradients are zeroed after the step");
        }
    }

    @Test
    void withASecondMomentPerAlphaTheFirstStepIsTheLearningRateAgainstEachGradientsSign() {
        float[] start = {1f, 0.5f, 0.5f, 0.9f};
        float[] gradient = {3f, -0.25f, 0f, 2f};
        double lr = 0.01;
        try (NDManager manager = TorchRuntime.newManager()) {
            NDArray alpha = EngineValues.copyOf(manager, start, new Shape(2, 2));
            AlphaAdam optimizer = new AlphaAdam(AlphaOptimizer.ADAM, Map.of("w", alpha));
            try (NDScope scope = new NDScope()) {
                NDArray weights = EngineValues.copyOf(manager, gradient, new Shape(2, 2));
                try (GradientCollector collector = TorchRuntime.engine().newGradientCollector()) {
                    collector.backward(alpha.mul(weights).sum());
                }
                optimizer.step(lr, new double[] {1, 1});
            }
            float[] after = alpha.toFloatArray();
            for (int i = 0; i < 4; i++) {
                // torch.optim.Adam's first step: lr * g / (|g| + 1e-8)
                double expected = start[i] - lr * gradient[i] / (Math.abs(gradient[i]) + 1e-8);
                assertEquals(expected, after[i], 1e-6, "alpha " + i);
            }
            assertArrayEquals(new long[] {2, 2}, optimizer.secondMoments().get("w").getShape().getShape());
        }
    }
}
