package dev.wfnet.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every setting of a base-model training run; the defaults are WFNET.md's reference run.
 *
 * @param epochs passes over the training split
 * @param batchSize images per step
 * @param optimizer Adam or SGD with momentum
 * @param learningRate the initial learning rate
 * @param momentum SGD momentum (ignored by Adam)
 * @param weightDecay L2 penalty added to the gradient
 * @param cosineSchedule whether the learning rate decays to zero along a cosine
 * @param augment random horizontal flips and shifts of up to two pixels
 * @param seed seeds initialisation, shuffling and augmentation
 */
public record TrainingConfig(int epochs, int batchSize, OptimizerKind optimizer, double learningRate,
                             double momentum, double weightDecay, boolean cosineSchedule, boolean augment,
                             long seed) {

    public enum OptimizerKind { ADAM, SGD }

    public TrainingConfig {
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || momentum < 0 || weightDecay < 0) {
            throw new IllegalArgumentException("epochs and batch size must be positive, the learning rate "
                    + "positive, momentum and weight decay not negative");
        }
    }

    public static TrainingConfig defaults() {
        return new TrainingConfig(8, 128, OptimizerKind.ADAM, 1e-3, 0.9, 0, false, false, 42);
    }

    /** The settings as text, for provenance. */
    public Map<String, String> describe() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("epochs", Integer.toString(epochs));
        map.put("batch_size", Integer.toString(batchSize));
        map.put("optimizer", optimizer.name().toLowerCase(java.util.Locale.ROOT));
        map.put("learning_rate", Double.toString(learningRate));
        map.put("momentum", Double.toString(momentum));
        map.put("weight_decay", Double.toString(weightDecay));
        map.put("schedule", cosineSchedule ? "cosine" : "constant");
        map.put("augment", Boolean.toString(augment));
        return map;
    }
}
