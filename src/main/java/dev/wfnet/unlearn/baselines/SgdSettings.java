package dev.wfnet.unlearn.baselines;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The optimiser of a fine-tuning style method, SGD with momentum and weight decay at a constant
 * learning rate, as the reference implementations run it ({@code torch.optim.SGD}; their step
 * schedule never reaches its first milestone in so few epochs).
 *
 * @param epochs passes over the method's data
 * @param learningRate the step size
 * @param momentum SGD momentum
 * @param weightDecay L2 penalty added to the gradient
 * @param batchSize images per step
 */
public record SgdSettings(int epochs, double learningRate, double momentum, double weightDecay, int batchSize) {

    public SgdSettings {
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || momentum < 0 || weightDecay < 0) {
            throw new IllegalArgumentException("epochs and batch size must be positive, the learning rate positive, "
                    + "momentum and weight decay not negative");
        }
    }

    public SgdSettings withEpochs(int value) {
        return new SgdSettings(value, learningRate, momentum, weightDecay, batchSize);
    }

    public SgdSettings withLearningRate(double value) {
        return new SgdSettings(epochs, value, momentum, weightDecay, batchSize);
    }

    /** The settings as text under a prefix ("ft.epochs"). */
    public Map<String, String> describe(String prefix) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(prefix + "epochs", Integer.toString(epochs));
        map.put(prefix + "lr", Double.toString(learningRate));
        map.put(prefix + "momentum", Double.toString(momentum));
        map.put(prefix + "weight_decay", Double.toString(weightDecay));
        map.put(prefix + "batch", Integer.toString(batchSize));
        map.put(prefix + "optimizer", "sgd");
        return map;
    }
}
