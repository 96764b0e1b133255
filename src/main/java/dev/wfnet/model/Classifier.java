package dev.wfnet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.Normalization;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.jobs.JobCancelledException;

/**
 * Batched inference of one network under one parameter source (the original weights or a
 * filtered view). Every array a batch creates is closed with the batch's {@link NDScope}, whichever
 * manager it attaches to: an operation's result joins its first operand's manager, which for a ViT
 * is the weights' (its first operation is on the class token), so a sub-manager would not hold it.
 *
 * <p>Images go in channels-last ({@link MemoryLayout}): PyTorch then runs every convolution with
 * oneDNN in NHWC and keeps its output so, where the default NCHW layout costs a reorder into
 * oneDNN's blocked layout and back around each convolution and a scalar max-pool (the README's
 * performance section has the figures).
 */
public final class Classifier {
    public static final int DEFAULT_BATCH = 250;
    private final Architecture architecture;
    private final ParameterSource parameters;
    private final Normalization normalization;
    private final NDManager manager;
    private final int batch;
    private final MemoryLayout layout;

    public Classifier(Architecture architecture, ParameterSource parameters, Normalization normalization,
                      NDManager manager) {
        this(architecture, parameters, normalization, manager, DEFAULT_BATCH, MemoryLayout.CHANNELS_LAST);
    }

    private Classifier(Architecture architecture, ParameterSource parameters, Normalization normalization,
                       NDManager manager, int batch, MemoryLayout layout) {
        if (batch < 1) {
            throw new IllegalArgumentException("inference batch must be at least 1, got " + batch);
        }
        this.architecture = architecture;
        this.parameters = parameters;
        this.normalization = normalization;
        this.manager = manager;
        this.batch = batch;
        this.layout = layout;
    }

    /** The same classifier with another number of images per forward pass. */
    public Classifier withBatch(int images) {
        return new Classifier(architecture, parameters, normalization, manager, images, layout);
    }

    /** The same classifier handing its images to the network in another memory layout. */
    public Classifier withLayout(MemoryLayout memoryLayout) {
        return new Classifier(architecture, parameters, normalization, manager, batch, memoryLayout);
    }

    /** Softmax probabilities, one row per image of {@code data}. */
    public float[][] probabilities(ImageDataset data, CancellationToken cancel) throws JobCancelledException {
        return run(data, cancel, true)[0];
    }

    /** Logits, one row per image. */
    public float[][] logits(ImageDataset data, CancellationToken cancel) throws JobCancelledException {
        return run(data, cancel, false)[0];
    }

    /** The arg-max class of every image. */
    public int[] predict(ImageDataset data, CancellationToken cancel) throws JobCancelledException {
        return argMax(logits(data, cancel));
    }

    /**
     * With {@link GroupedParameters}: the arg-max class of every image under each group's parameters,
     * {@code [group][image]}, every group computed in one batched pass per batch of images (each
     * batch normalised and copied to the engine once). Any other source has one group.
     */
    public int[][] predictGroups(ImageDataset data, CancellationToken cancel) throws JobCancelledException {
        float[][][] logits = logitsGroups(data, cancel);
        int[][] predictions = new int[logits.length][];
        for (int group = 0; group < logits.length; group++) {
            predictions[group] = argMax(logits[group]);
        }
        return predictions;
    }

    /** With {@link GroupedParameters}: the logits under each group's parameters, {@code [group][image]}. */
    public float[][][] logitsGroups(ImageDataset data, CancellationToken cancel) throws JobCancelledException {
        return run(data, cancel, false);
    }

    /** Fraction of images whose prediction equals their label. */
    public double accuracy(ImageDataset data, CancellationToken cancel) throws JobCancelledException {
        int[] predictions = predict(data, cancel);
        int correct = 0;
        for (int i = 0; i < predictions.length; i++) {
            correct += predictions[i] == data.label(i) ? 1 : 0;
        }
        return data.size() == 0 ? Double.NaN : (double) correct / data.size();
    }

    private static int[] argMax(float[][] logits) {
        int[] predictions = new int[logits.length];
        for (int i = 0; i < logits.length; i++) {
            predictions[i] = argMax(logits[i]);
        }
        return predictions;
    }

    /** The batch {@code times} times over along axis 0: one copy per group. */
    private static NDArray repeated(NDArray input, int times) {
        long[] repeats = new long[input.getShape().dimension()];
        java.util.Arrays.fill(repeats, 1);
        repeats[0] = times;
        return input.tile(repeats);
    }

    /** Per group (one unless the source is grouped), per image, the outputs. */
    private float[][][] run(ImageDataset data, CancellationToken cancel, boolean softmax)
            throws JobCancelledException {
        if (!data.shape().equals(architecture.inputShape())) {
            throw new IllegalArgumentException("model expects " + architecture.inputShape() + " inputs, "
                    + data.name() + " has " + data.shape());
        }
        int classes = architecture.classCount();
        int groups = parameters instanceof GroupedParameters grouped ? grouped.groups() : 1;
        // the same number of images through the network per pass, whatever the number of groups
        int batch = Math.max(1, DEFAULT_BATCH / groups);
        float[][][] out = new float[groups][data.size()][];
        int[] order = java.util.stream.IntStream.range(0, data.size()).toArray();
        float[] buffer = new float[Math.min(batch, Math.max(1, data.size())) * data.shape().pixelCount()];
        for (int from = 0; from < data.size(); from += batch) {
            cancel.throwIfCancelled();
            int to = Math.min(data.size(), from + batch);
            normalization.fill(data, order, from, to, buffer);
            try (NDScope scope = new NDScope()) {
                int count = to - from;
                NDArray input = layout.apply(EngineValues.copyOf(manager, buffer, count * data.shape().pixelCount(),
                        new Shape(data.shape().asBatchShape(count))));
                NDArray result = architecture.forward(parameters, groups == 1 ? input : repeated(input, groups), false);
                if (softmax) {
                    result = result.softmax(1);
                }
                float[] flat = result.toFloatArray();
                for (int group = 0; group < groups; group++) {
                    for (int i = 0; i < count; i++) {
                        int at = (group * count + i) * classes;
                        out[group][from + i] = java.util.Arrays.copyOfRange(flat, at, at + classes);
                    }
                }
            }
        }
        return out;
    }

    public static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
