package dev.wfnet.model;

import ai.djl.ndarray.NDManager;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.ImageShape;
import dev.wfnet.data.Normalization;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.jobs.JobCancelledException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Measures one architecture on synthetic images: milliseconds per training step (forward,
 * backward, Adam update) and images per second of inference, with the peak resident memory.
 */
public final class ArchitectureBenchmark {

    /** The figures of one architecture. */
    public record Result(String architecture, ImageShape input, long parameters, int trainBatch,
                         double msPerTrainStep, int inferenceBatch, double inferenceImagesPerSecond,
                         long peakResidentBytes) {
    }

    private ArchitectureBenchmark() {
    }

    public static Result run(Architecture architecture, int trainBatch, int warmupSteps, int timedSteps,
                             int inferenceImages) {
        ImageShape shape = architecture.inputShape();
        Random random = new Random(7);
        int images = Math.max(trainBatch, inferenceImages);
        byte[] pixels = new byte[images * shape.pixelCount()];
        random.nextBytes(pixels);
        int[] labels = IntStream.range(0, images).map(i -> i % architecture.classCount()).toArray();
        List<String> names = IntStream.range(0, architecture.classCount()).mapToObj(i -> "class " + i).toList();
        ImageDataset data = new ImageDataset("synthetic", shape, pixels, labels, names);
        Normalization normalization = new Normalization(filled(shape.channels(), 0.5), filled(shape.channels(), 0.25));
        PeakMemory.reset();
        try (NDManager manager = TorchRuntime.newManager()) {
            NetworkWeights weights = NetworkWeights.initialise(architecture, manager, 1);
            GradientOptimizer optimizer = new GradientOptimizer(TrainingConfig.OptimizerKind.ADAM, 0.9, 0,
                    weights.trainable());
            int[] order = IntStream.range(0, images).toArray();
            float[] buffer = new float[trainBatch * shape.pixelCount()];
            long start = 0;
            for (int step = 0; step < warmupSteps + timedSteps; step++) {
                if (step == warmupSteps) {
                    start = System.nanoTime();
                }
                BaseModelTrainer.trainStep(architecture, weights, optimizer, data, normalization, order, 0, trainBatch,
                        buffer, null, random, manager, 1e-4);
            }
            double msPerStep = (System.nanoTime() - start) / 1e6 / timedSteps;
            ImageDataset inference = data.subset("synthetic", Arrays.copyOf(order, inferenceImages));
            Classifier classifier = new Classifier(architecture, weights, normalization, manager);
            classifier.predict(inference.subset("warm-up", new int[] {0}), CancellationToken.none());
            long inferenceStart = System.nanoTime();
            classifier.predict(inference, CancellationToken.none());
            double seconds = (System.nanoTime() - inferenceStart) / 1e9;
            return new Result(architecture.spec().toString(), shape, architecture.parameterCount(), trainBatch,
                    msPerStep, Classifier.DEFAULT_BATCH, inferenceImages / seconds, PeakMemory.peakBytes());
        } catch (JobCancelledException e) {
            throw new IllegalStateException("nobody cancels a benchmark", e);
        }
    }

    private static double[] filled(int n, double value) {
        double[] values = new double[n];
        Arrays.fill(values, value);
        return values;
    }
}
