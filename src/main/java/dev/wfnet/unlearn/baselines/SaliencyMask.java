package dev.wfnet.unlearn.baselines;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.wfnet.model.EngineValues;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SalUn's weight saliency map: the given share of all trainable weights with the largest magnitude
 * of the forget-set gradient (one threshold over every layer, as {@code generate_mask.py} of
 * Unlearn-Saliency). Training then changes only those: gradients are masked before each step and
 * the other weights are put back after it, because weight decay and momentum would move them too
 * (the reference restores them the same way).
 */
final class SaliencyMask {
    private final Map<String, NDArray> mask = new LinkedHashMap<>();
    private final Map<String, NDArray> frozen = new LinkedHashMap<>();
    private final double share;

    /**
     * @param gradientSums the forget set's gradient per parameter, summed over batches
     * @param weights the weights before training, whose unmarked values are kept
     * @param fraction the share of weights to mark
     */
    SaliencyMask(Map<String, NDArray> gradientSums, Map<String, NDArray> weights, double fraction) {
        float threshold = threshold(gradientSums, fraction);
        long marked = 0;
        long all = 0;
        for (Map.Entry<String, NDArray> entry : gradientSums.entrySet()) {
            NDArray magnitude = entry.getValue().abs();
            NDArray marks = EngineValues.atLeast(magnitude, threshold).toType(DataType.FLOAT32, false);
            magnitude.close();
            mask.put(entry.getKey(), marks);
            NDArray weight = weights.get(entry.getKey());
            frozen.put(entry.getKey(), weight.mul(EngineValues.plus(marks.neg(), 1)));
            marked += (long) marks.sum().getFloat();
            all += marks.size();
        }
        share = all == 0 ? 0 : (double) marked / all;
    }

    /** The share of weights actually marked (ties at the threshold may add a few). */
    double share() {
        return share;
    }

    /** Zeroes the gradient of every unmarked weight. */
    void maskGradients(Map<String, NDArray> parameters) {
        parameters.forEach((name, parameter) -> {
            try (NDArray gradient = parameter.getGradient()) {
                gradient.muli(mask.get(name));
            }
        });
    }

    /** Puts every unmarked weight back to its value before training. */
    void restore(Map<String, NDArray> parameters) {
        parameters.forEach((name, parameter) -> parameter.muli(mask.get(name)).addi(frozen.get(name)));
    }

    /** The magnitude above which a weight counts as salient: the {@code fraction} quantile from the top. */
    static float threshold(Map<String, NDArray> gradientSums, double fraction) {
        int total = gradientSums.values().stream().mapToInt(a -> Math.toIntExact(a.size())).sum();
        float[] magnitudes = new float[total];
        int offset = 0;
        for (NDArray sum : gradientSums.values()) {
            float[] values = sum.toFloatArray();
            for (float value : values) {
                magnitudes[offset++] = Math.abs(value);
            }
        }
        Arrays.sort(magnitudes);
        int marked = (int) Math.max(1, Math.min(total, Math.round(fraction * total)));
        return magnitudes[total - marked];
    }
}
