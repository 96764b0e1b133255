package dev.wfnet.unlearn.baselines;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.jobs.Progress;
import dev.wfnet.jobs.ProgressListener;
import dev.wfnet.jobs.ThroughputClock;
import dev.wfnet.model.BaseModelTrainer;
import dev.wfnet.model.EngineValues;
import dev.wfnet.model.GradientOptimizer;
import dev.wfnet.model.NetworkWeights;
import dev.wfnet.model.TorchRuntime;
import dev.wfnet.model.TrainingConfig;
import java.util.Map;
import java.util.Random;

/**
 * The training loop FT, GA, RL and SalUn share: epochs over a pool of training images, each batch
 * pulled to a target label (its own, or a random one) or, for gradient ascent, pushed away from it;
 * SGD as the reference code runs it, in training mode; for SalUn only the weights of a mask move.
 */
final class WeightUpdates {

    /** The label an image is trained towards; may draw from the generator. */
    @FunctionalInterface
    interface Target {
        int label(int image, Random random);
    }

    private WeightUpdates() {
    }

    /** The parameters' values on the Java heap. */
    private static Map<String, float[]> hostCopies(Map<String, NDArray> parameters) {
        Map<String, float[]> copies = new java.util.LinkedHashMap<>();
        parameters.forEach((name, value) -> copies.put(name, value.toFloatArray()));
        return copies;
    }

    private static void restore(Map<String, NDArray> parameters, Map<String, float[]> values) {
        values.forEach((name, value) -> EngineValues.copyInto(parameters.get(name), value));
    }

    /** The normalised training images {@code order[from..to)} as a batch tensor in {@code manager}'s current scope. */
    static NDArray images(UnlearningTask task, NDManager manager, int[] order, int from, int to, float[] buffer) {
        ImageDataset train = task.train();
        int count = to - from;
        task.normalization().fill(train, order, from, to, buffer);
        return EngineValues.copyOf(manager, buffer, count * train.shape().pixelCount(),
                new Shape(train.shape().asBatchShape(count)));
    }

    /**
     * Runs the loop on {@code weights} in place and returns the steps it ran. Gradient ascent ends
     * early when the forget set's cross-entropy overflows (the model gives the true labels zero
     * probability: there is nothing left to climb), or is not a number, or a step would leave a
     * weight that is not a finite number (the climb has blown up); the weights are then those of the
     * last batch whose loss was a finite number.
     *
     * @param ascent whether to climb the loss (gradient ascent) instead of descending it
     * @param mask only the weights it marks may change; null lets every weight change
     * @param phase the progress phase, the method's id
     */
    static long run(UnlearningTask task, NetworkWeights weights, NDManager manager, int[] pool, Target target,
                    boolean ascent, SgdSettings settings, SaliencyMask mask, long seed, String phase,
                    ProgressListener listener, CancellationToken cancel) throws WfnetException {
        if (pool.length == 0) {
            throw new WfnetException(phase + ": no training images to learn from for class " + task.forgetClass());
        }
        ImageDataset train = task.train();
        int pixels = train.shape().pixelCount();
        int batch = settings.batchSize();
        long stepsPerEpoch = (pool.length + batch - 1) / batch;
        long total = stepsPerEpoch * settings.epochs();
        Map<String, NDArray> parameters = weights.trainable();
        GradientOptimizer optimizer = new GradientOptimizer(TrainingConfig.OptimizerKind.SGD, settings.momentum(),
                settings.weightDecay(), parameters);
        Random random = new Random(seed);
        float[] buffer = new float[batch * pixels];
        int[] order = pool.clone();
        ThroughputClock clock = new ThroughputClock(0);
        long step = 0;
        // gradient ascent: the weights of the last batch whose loss was a finite number
        Map<String, float[]> lastFinite = null;
        try {
            for (int epoch = 0; epoch < settings.epochs(); epoch++) {
                Shuffle.inPlace(order, random);
                for (int from = 0; from < order.length; from += batch) {
                    cancel.throwIfCancelled();
                    int to = Math.min(order.length, from + batch);
                    int count = to - from;
                    int[] labels = new int[count];
                    for (int i = 0; i < count; i++) {
                        labels[i] = target.label(order[from + i], random);
                    }
                    double loss;
                    try (NDScope scope = new NDScope()) {
                        NDArray input = images(task, manager, order, from, to, buffer);
                        NDArray crossEntropy;
                        try (GradientCollector collector = TorchRuntime.engine().newGradientCollector()) {
                            crossEntropy = BaseModelTrainer.crossEntropy(
                                    task.architecture().forward(weights, input, true), EngineValues.copyOf(manager, labels));
                            loss = crossEntropy.getFloat();
                            if (Double.isFinite(loss)) {
                                collector.backward(ascent ? crossEntropy.neg() : crossEntropy);
                            }
                        }
                        if (Double.isFinite(loss)) {
                            if (ascent) {
                                lastFinite = hostCopies(parameters);
                            }
                            if (mask != null) {
                                mask.maskGradients(parameters);
                            }
                            optimizer.step(settings.learningRate());
                            if (mask != null) {
                                mask.restore(parameters);
                            }
                            if (ascent && !EngineValues.allFinite(parameters.values())) {
                                restore(parameters, lastFinite);
                                return step;
                            }
                        }
                    }
                    if (!Double.isFinite(loss)) {
                        if (ascent) {
                            if (lastFinite != null) {
                                restore(parameters, lastFinite);
                            }
                            return step;
                        }
                        throw new WfnetException(phase + " diverged at step " + (step + 1) + " (cross-entropy " + loss
                                + "); lower " + phase + ".lr (now " + settings.learningRate() + ")");
                    }
                    step++;
                    listener.onProgress(new Progress(phase, step, total, clock.rate(step * batch),
                            clock.secondsLeft(step, total), Map.of("cross_entropy", loss, "epoch", epoch + 1.0)));
                }
            }
            return step;
        } finally {
            optimizer.state().forEach(NDArray::close);
        }
    }
}
