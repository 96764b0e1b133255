package dev.wfnet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.wfnet.WfnetException;
import dev.wfnet.data.DatasetSplits;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.Normalization;
import dev.wfnet.io.Hashing;
import dev.wfnet.io.Provenance;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.jobs.Progress;
import dev.wfnet.jobs.ProgressListener;
import dev.wfnet.jobs.ThroughputClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Trains a catalogue architecture from scratch on a dataset: the base models WF-Net starts from. */
public final class BaseModelTrainer {

    /** Progress metric of each epoch: the seconds its test-accuracy pass took, included in the run's time. */
    public static final String TEST_SECONDS = "test_seconds";

    /** The trained model and the test accuracy after each epoch. */
    public record Result(ModelCheckpoint checkpoint, List<Double> testAccuracyByEpoch, double seconds) {
    }

    private BaseModelTrainer() {
    }

    public static Result train(Architecture architecture, DatasetSplits data, Normalization normalization,
                               TrainingConfig config, ProgressListener listener, CancellationToken cancel)
            throws WfnetException {
        ImageDataset train = data.train();
        if (!train.shape().equals(architecture.inputShape())) {
            throw new WfnetException("model expects " + architecture.inputShape() + " inputs, dataset "
                    + train.name() + " has " + train.shape());
        }
        Instant started = Instant.now();
        ThroughputClock clock = new ThroughputClock(0);
        int stepsPerEpoch = (train.size() + config.batchSize() - 1) / config.batchSize();
        long totalSteps = (long) stepsPerEpoch * config.epochs();
        Random random = new Random(config.seed());
        Augmenter augmenter = config.augment()
                ? new Augmenter(train.shape(), 2, normalization.mean(), normalization.std()) : null;
        List<Double> accuracies = new ArrayList<>();
        try (NDManager manager = TorchRuntime.newManager()) {
            NetworkWeights weights = NetworkWeights.initialise(architecture, manager, config.seed());
            GradientOptimizer optimizer = new GradientOptimizer(config.optimizer(), config.momentum(),
                    config.weightDecay(), weights.trainable());
            float[] buffer = new float[config.batchSize() * train.shape().pixelCount()];
            int[] order = java.util.stream.IntStream.range(0, train.size()).toArray();
            long step = 0;
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                shuffle(order, random);
                double lossSum = 0;
                for (int from = 0; from < order.length; from += config.batchSize()) {
                    cancel.throwIfCancelled();
                    int to = Math.min(order.length, from + config.batchSize());
                    double loss = trainStep(architecture, weights, optimizer, train, normalization, order, from, to,
                            buffer, augmenter, random, manager, learningRate(config, step, totalSteps));
                    if (!Double.isFinite(loss)) {
                        throw new WfnetException("training diverged at step " + (step + 1) + " (loss " + loss
                                + "); lower the learning rate (now " + config.learningRate() + ")");
                    }
                    lossSum += loss;
                    step++;
                    listener.onProgress(new Progress("train", step, totalSteps,
                            clock.rate(step * config.batchSize()), clock.secondsLeft(step, totalSteps),
                            Map.of("loss", loss, "epoch", (double) epoch + 1)));
                }
                long testStart = System.nanoTime();
                double accuracy = new Classifier(architecture, weights, normalization, manager)
                        .accuracy(data.test(), cancel);
                accuracies.add(accuracy);
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put("epoch", (double) epoch + 1);
                metrics.put("train_loss", lossSum / stepsPerEpoch);
                metrics.put("test_accuracy", accuracy);
                // lets a caller that times training alone (the Retrain baseline) leave the test pass out
                metrics.put(TEST_SECONDS, (System.nanoTime() - testStart) / 1e9);
                listener.onProgress(new Progress("epoch", step, totalSteps, clock.rate(step * config.batchSize()),
                        clock.secondsLeft(step, totalSteps), metrics));
            }
            Provenance provenance = new Provenance("pretrain", datasetHashes(data), config.seed(),
                    configuration(architecture, config), Provenance.runtimeVersions(TorchRuntime.describe()),
                    started, clock.elapsedSeconds());
            ModelCheckpoint checkpoint = ModelCheckpoint.of(architecture, normalization, train.classNames(),
                    weights, provenance);
            return new Result(checkpoint, accuracies, clock.elapsedSeconds());
        }
    }

    static double trainStep(Architecture architecture, NetworkWeights weights, GradientOptimizer optimizer,
                                    ImageDataset train, Normalization normalization, int[] order, int from, int to,
                                    float[] buffer, Augmenter augmenter, Random random, NDManager manager,
                                    double learningRate) {
        int count = to - from;
        normalization.fill(train, order, from, to, buffer);
        if (augmenter != null) {
            augmenter.apply(buffer, count, random);
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = train.label(order[from + i]);
        }
        try (NDScope scope = new NDScope()) {
            NDArray input = EngineValues.copyOf(manager, buffer, count * train.shape().pixelCount(),
                    new Shape(train.shape().asBatchShape(count)));
            NDArray target = EngineValues.copyOf(manager, labels);
            NDArray loss;
            try (GradientCollector collector = TorchRuntime.engine().newGradientCollector()) {
                NDArray logits = architecture.forward(weights, input, true);
                loss = crossEntropy(logits, target);
                collector.backward(loss);
            }
            optimizer.step(learningRate);
            return loss.getFloat();
        }
    }

    /** Mean cross-entropy of logits against integer labels. */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        return perSampleCrossEntropy(logits, labels).mean();
    }

    /** Cross-entropy of each row of logits against its integer label, shape {@code N}. */
    public static NDArray perSampleCrossEntropy(NDArray logits, NDArray labels) {
        NDArray logProbabilities = logits.logSoftmax(1);
        return logProbabilities.gather(labels.toType(ai.djl.ndarray.types.DataType.INT64, false)
                .reshape(-1, 1), 1).reshape(-1).neg();
    }

    static double learningRate(TrainingConfig config, long step, long totalSteps) {
        if (!config.cosineSchedule()) {
            return config.learningRate();
        }
        return CosineSchedule.at(config.learningRate(), step, totalSteps);
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    static Map<String, String> datasetHashes(DatasetSplits data) {
        Map<String, String> hashes = new LinkedHashMap<>();
        hashes.put("train:" + data.train().name(), datasetHash(data.train()));
        hashes.put("test:" + data.test().name(), datasetHash(data.test()));
        return hashes;
    }

    /** SHA-256 over an ordered dataset's labels and pixels. */
    public static String datasetHash(ImageDataset data) {
        java.nio.ByteBuffer labels = java.nio.ByteBuffer.allocate(data.size() * 4);
        labels.asIntBuffer().put(data.labels());
        return Hashing.sha256(labels.array(), data.pixels());
    }

    private static Map<String, String> configuration(Architecture architecture, TrainingConfig config) {
        Map<String, String> map = new LinkedHashMap<>(config.describe());
        map.put("architecture", architecture.spec().toString());
        map.put("input_shape", architecture.inputShape().toString());
        return map;
    }
}
