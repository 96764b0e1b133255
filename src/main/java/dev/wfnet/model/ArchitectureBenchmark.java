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

    /** Inference speed in one memory layout at one batch size: the best of the rounds. */
    public record InferenceFigure(MemoryLayout layout, int batch, double imagesPerSecond) {
    }

    private ArchitectureBenchmark() {
    }

    /**
     * Images per second of inference for every layout and batch size, on {@code images} synthetic
     * images. Each round measures every combination once, in turn, and the best round counts, so a
     * burst of other work on the machine does not favour whichever combination ran first.
     */
    public static List<InferenceFigure> inference(Architecture architecture, int images, List<MemoryLayout> layouts,
                                                  List<Integer> batches, int rounds) {
        ImageDataset data = synthetic(architecture, images, new Random(11));
        Normalization normalization = new Normalization(filled(data.shape().channels(), 0.5),
                filled(data.shape().channels(), 0.25));
        try (NDManager manager = TorchRuntime.newManager()) {
            NetworkWeights weights = NetworkWeights.initialise(architecture, manager, 1);
            Classifier classifier = new Classifier(architecture, weights, normalization, manager);
            double[][] best = new double[layouts.size()][batches.size()];
            for (int round = 0; round <= rounds; round++) {
                for (int l = 0; l < layouts.size(); l++) {
                    for (int b = 0; b < batches.size(); b++) {
                        Classifier timed = classifier.withLayout(layouts.get(l)).withBatch(batches.get(b));
                        long start = System.nanoTime();
                        timed.predict(data, CancellationToken.none());
                        double perSecond = images / ((System.nanoTime() - start) / 1e9);
                        // round 0 warms the engine's kernels and allocator up for every combination
                        best[l][b] = round == 0 ? 0 : Math.max(best[l][b], perSecond);
                    }
                }
            }
            List<InferenceFigure> figures = new java.util.ArrayList<>();
            for (int l = 0; l < layouts.size(); l++) {
                for (int b = 0; b < batches.size(); b++) {
                    figures.add(new InferenceFigure(layouts.get(l), batches.get(b), best[l][b]));
                }
            }
            return figures;
        } catch (JobCancelledException e) {
            throw new IllegalStateException("nobody cancels a benchmark", e);
        }
    }

    private static ImageDataset synthetic(Architecture architecture, int images, Random random) {
        ImageShape shape = architecture.inputShape();
        byte[] pixels = new byte[images * shape.pixelCount()];
        random.nextBytes(pixels);
        int[] labels = IntStream.range(0, images).map(i -> i % architecture.classCount()).toArray();
        List<String> names = IntStream.range(0, architecture.classCount()).mapToObj(i -> "class " + i).toList();
        return new ImageDataset("synthetic", shape, pixels, labels, names);
    }

    public static Result run(Architecture architecture, int trainBatch, int warmupSteps, int timedSteps,
                             int inferenceImages) {
        ImageShape shape = architecture.inputShape();
        Random random = new Random(7);
        int images = Math.max(trainBatch, inferenceImages);
        ImageDataset data = synthetic(architecture, images, random);
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
            // one whole batch: the engine prepares its kernels for each batch shape on first sight
            classifier.predict(inference.subset("warm-up", Arrays.copyOf(order,
                    Math.min(inferenceImages, Classifier.DEFAULT_BATCH))), CancellationToken.none());
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
