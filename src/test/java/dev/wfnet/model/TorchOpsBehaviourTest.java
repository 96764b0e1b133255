package dev.wfnet.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Engine behaviours the architectures rely on, pinned so a DJL or PyTorch upgrade cannot change them silently. */
@ExtendWith(NativeManagerExtension.class)
class TorchOpsBehaviourTest {

    /** The exact form x * Phi(x) (torch nn.GELU() default), not the tanh approximation (-0.158808 at -1). */
    @Test
    void djlGeluIsTheExactErfForm(NDManager manager) {
        float[] x = {-3f, -1f, 0.5f, 2f};
        float[] actual = Activation.gelu(manager.create(x)).toFloatArray();
        for (int i = 0; i < x.length; i++) {
            double exact = x[i] * 0.5 * (1 + erf(x[i] / Math.sqrt(2)));
            assertEquals(exact, actual[i], 1e-6, "gelu(" + x[i] + ")");
        }
        assertEquals(-0.15865525, actual[1], 1e-6);
    }

    /**
     * DJL's functional BatchNorm on the PyTorch engine, in training mode, writes the running
     * statistics into the arrays it is given: running = 0.9 * running + 0.1 * batch, with the
     * unbiased batch variance, like torch. Layers.batchNorm relies on it.
     */
    @Test
    void trainingBatchNormUpdatesRunningStatisticsInPlaceLikeTorch(NDManager manager) {
        float[] data = new float[2 * 2 * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (i * i % 7) - 2.5f;
        }
        NDArray x = manager.create(data, new Shape(2, 2, 3, 1));
        NDArray mean = manager.create(new float[] {0.5f, -1f});
        NDArray variance = manager.create(new float[] {2f, 0.25f});
        float[] meanBefore = mean.toFloatArray();
        float[] varianceBefore = variance.toFloatArray();
        ParameterSource p = name -> switch (name) {
            case "bn.running_mean" -> mean;
            case "bn.running_var" -> variance;
            case "bn.weight" -> manager.ones(new Shape(2));
            case "bn.bias" -> manager.zeros(new Shape(2));
            default -> throw new IllegalArgumentException(name);
        };
        Layers.batchNorm(p, "bn", x, true);
        float[] expectedMean = new float[2];
        float[] expectedVariance = new float[2];
        for (int c = 0; c < 2; c++) {
            double sum = 0;
            double squares = 0;
            int n = 0;
            for (int b = 0; b < 2; b++) {
                for (int h = 0; h < 3; h++) {
                    double v = data[b * 6 + c * 3 + h];
                    sum += v;
                    squares += v * v;
                    n++;
                }
            }
            double batchMean = sum / n;
            double unbiased = (squares - n * batchMean * batchMean) / (n - 1);
            expectedMean[c] = (float) (0.9 * meanBefore[c] + 0.1 * batchMean);
            expectedVariance[c] = (float) (0.9 * varianceBefore[c] + 0.1 * unbiased);
        }
        assertArrayEquals(expectedMean, mean.toFloatArray(), 1e-6f);
        assertArrayEquals(expectedVariance, variance.toFloatArray(), 1e-5f);
    }

    /** The Maclaurin series of erf, accurate to double precision for the |x| < 3 used here (Java has no erf). */
    private static double erf(double x) {
        double sum = 0;
        double term = x;
        for (int n = 0; n < 200; n++) {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }
}
