package dev.wfnet.imports;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.wfnet.WfnetException;
import dev.wfnet.io.HostTensor;
import dev.wfnet.model.Architecture;
import dev.wfnet.model.EngineValues;
import dev.wfnet.model.NetworkWeights;
import dev.wfnet.model.TorchRuntime;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Proves an import: the imported network, run on the source's reference inputs, must give its
 * reference outputs to within a tolerance (1e-4 by default). Outputs are compared as they are
 * (logits, or log-probabilities when the network ends in LogSoftmax) and, when that differs, as
 * probabilities: a reference that holds probabilities, or that ends in LogSoftmax where the layer
 * list does not, is the same classifier. Without references the network is at least run on two
 * probe inputs, which must give finite outputs.
 */
public final class ImportVerifier {
    public static final double DEFAULT_TOLERANCE = 1e-4;
    private static final int BATCH = 32;

    /**
     * What was checked.
     *
     * @param referenced whether reference outputs were compared
     * @param samples how many inputs were run
     * @param maxAbsError the largest absolute difference found (NaN without references)
     * @param summary one line for the report and the provenance
     */
    public record Verification(boolean referenced, int samples, double maxAbsError, String summary) {
    }

    private ImportVerifier() {
    }

    public static Verification againstReference(Architecture architecture, Map<String, HostTensor> weights,
                                                HostTensor inputs, HostTensor outputs, double tolerance)
            throws WfnetException {
        return againstReference(architecture, weights, inputs, outputs, tolerance, "the reference outputs");
    }

    /**
     * @param source what the outputs are, for the summary and the message ("the reference outputs")
     */
    static Verification againstReference(Architecture architecture, Map<String, HostTensor> weights,
                                         HostTensor inputs, HostTensor outputs, double tolerance, String source)
            throws WfnetException {
        long[] in = inputs.shape();
        long[] expected = architecture.inputShape().asBatchShape(in.length == 0 ? 0 : in[0]);
        long perSample = architecture.inputShape().pixelCount();
        if (in.length == 0 || in[0] == 0 || (long) inputs.size() != in[0] * perSample) {
            throw new WfnetException("the reference inputs have shape " + inputs.shapeText() + "; the model takes "
                    + "N x " + architecture.inputShape());
        }
        int samples = (int) in[0];
        long[] out = outputs.shape();
        if (out.length != 2 || out[0] != samples || out[1] != architecture.classCount()) {
            throw new WfnetException("the reference outputs have shape " + outputs.shapeText() + "; expected "
                    + samples + "x" + architecture.classCount() + " (one row of class scores per reference input)");
        }
        float[][] ours = run(architecture, weights, new HostTensor(expected, inputs.data()));
        int classes = architecture.classCount();
        double direct = 0;
        double asProbabilities = 0;
        int worst = 0;
        boolean referenceIsProbabilities = looksLikeProbabilities(outputs.data(), classes);
        for (int i = 0; i < samples; i++) {
            float[] reference = Arrays.copyOfRange(outputs.data(), i * classes, (i + 1) * classes);
            double error = maxAbs(ours[i], reference);
            if (error > direct) {
                direct = error;
                worst = i;
            }
            double[] p = softmax(ours[i]);
            double[] q = referenceIsProbabilities ? toDouble(reference) : softmax(reference);
            asProbabilities = Math.max(asProbabilities, maxAbs(p, q));
        }
        if (direct <= tolerance) {
            return new Verification(true, samples, direct, String.format(Locale.ROOT,
                    "matches %s on %d inputs: max abs error %.3g (tolerance %.1g)", source, samples, direct,
                    tolerance));
        }
        if (asProbabilities <= tolerance) {
            return new Verification(true, samples, asProbabilities, String.format(Locale.ROOT,
                    "matches %s on %d inputs as probabilities (%s): max abs error %.3g (tolerance %.1g)", source,
                    samples, referenceIsProbabilities ? "they are probabilities" : "one of the two ends in LogSoftmax",
                    asProbabilities, tolerance));
        }
        throw new WfnetException(String.format(Locale.ROOT, "the imported model does not reproduce %s: max abs"
                + " error %.3g (as probabilities %.3g), tolerance %.1g, worst on input %d. The architecture, its"
                + " arguments (activations, paddings, pooling), the layer order or the input size differ from the"
                + " source's; nothing was written", source, direct, asProbabilities, tolerance, worst));
    }

    /** Two probe inputs (zeros and seeded noise) must run and give finite outputs. */
    public static Verification probe(Architecture architecture, Map<String, HostTensor> weights) throws WfnetException {
        long[] shape = architecture.inputShape().asBatchShape(2);
        float[] data = new float[2 * architecture.inputShape().pixelCount()];
        Random random = new Random(0);
        for (int i = data.length / 2; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        float[][] outputs = run(architecture, weights, new HostTensor(shape, data));
        for (float[] row : outputs) {
            for (float value : row) {
                if (!Float.isFinite(value)) {
                    throw new WfnetException("the imported model gives non-finite outputs on a probe input; the"
                            + " weights hold NaN or infinite values");
                }
            }
        }
        return new Verification(false, 2, Double.NaN, "names and shapes checked, runs on two probe inputs;"
                + " no reference outputs were given to compare against");
    }

    private static float[][] run(Architecture architecture, Map<String, HostTensor> weights, HostTensor inputs)
            throws WfnetException {
        int samples = (int) inputs.shape()[0];
        int perSample = architecture.inputShape().pixelCount();
        float[][] out = new float[samples][];
        try (NDManager manager = TorchRuntime.newManager()) {
            NetworkWeights network = NetworkWeights.load(architecture, weights, manager, "the imported weights");
            for (int from = 0; from < samples; from += BATCH) {
                int to = Math.min(samples, from + BATCH);
                // every array of the batch closes with the scope, whichever manager it joined (docs/architecture.md)
                try (NDScope scope = new NDScope()) {
                    NDArray x = EngineValues.copyOf(manager, Arrays.copyOfRange(inputs.data(), from * perSample,
                            to * perSample), new Shape(architecture.inputShape().asBatchShape(to - from)));
                    float[] flat = architecture.forward(network, x, false).toFloatArray();
                    int classes = architecture.classCount();
                    for (int i = from; i < to; i++) {
                        out[i] = Arrays.copyOfRange(flat, (i - from) * classes, (i - from + 1) * classes);
                    }
                }
            }
        }
        return out;
    }

    static boolean looksLikeProbabilities(float[] values, int classes) {
        for (int row = 0; row < values.length / classes; row++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                float v = values[row * classes + c];
                if (v < 0 || v > 1) {
                    return false;
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > 1e-3) {
                return false;
            }
        }
        return true;
    }

    static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static double maxAbs(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            max = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(max, d);
        }
        return max;
    }

    private static double maxAbs(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(a[i] - b[i]);
            max = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(max, d);
        }
        return max;
    }
}
