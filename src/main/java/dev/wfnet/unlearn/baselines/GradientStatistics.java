package dev.wfnet.unlearn.baselines;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.jobs.JobCancelledException;
import dev.wfnet.jobs.Progress;
import dev.wfnet.jobs.ProgressListener;
import dev.wfnet.jobs.ThroughputClock;
import dev.wfnet.model.BaseModelTrainer;
import dev.wfnet.model.EngineValues;
import dev.wfnet.model.NetworkWeights;
import dev.wfnet.model.TorchRuntime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-weight sums over batches of the gradient of the mean cross-entropy, at fixed weights and in
 * evaluation mode (as both references run them): the raw sums give SalUn's saliency, the sums of
 * squares divided by the batch count SSD's diagonal Fisher importance.
 */
final class GradientStatistics {

    private GradientStatistics() {
    }

    /**
     * @param squared whether to sum each batch's squared gradient (SSD) instead of the gradient (SalUn)
     * @return one array per trainable parameter, created in {@code manager}
     */
    static Map<String, NDArray> sum(UnlearningTask task, NetworkWeights weights, NDManager manager, int[] images,
                                    int batch, boolean squared, String phase, ProgressListener listener,
                                    CancellationToken cancel) throws JobCancelledException {
        ImageDataset train = task.train();
        int pixels = train.shape().pixelCount();
        Map<String, NDArray> parameters = weights.trainable();
        Map<String, NDArray> sums = new LinkedHashMap<>();
        parameters.forEach((name, parameter) -> {
            parameter.setRequiresGradient(true);
            sums.put(name, manager.zeros(parameter.getShape()));
        });
        float[] buffer = new float[batch * pixels];
        long total = (images.length + batch - 1) / batch;
        ThroughputClock clock = new ThroughputClock(0);
        long step = 0;
        for (int from = 0; from < images.length; from += batch) {
            cancel.throwIfCancelled();
            int to = Math.min(images.length, from + batch);
            int count = to - from;
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = train.label(images[from + i]);
            }
            try (NDScope scope = new NDScope()) {
                NDArray input = WeightUpdates.images(task, manager, images, from, to, buffer);
                try (GradientCollector collector = TorchRuntime.engine().newGradientCollector()) {
                    collector.backward(BaseModelTrainer.crossEntropy(task.architecture().forward(weights, input, false),
                            EngineValues.copyOf(manager, labels)));
                }
                for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
                    try (NDArray gradient = entry.getValue().getGradient()) {
                        sums.get(entry.getKey()).addi(squared ? gradient.square() : gradient);
                        EngineValues.fill(gradient, 0);
                    }
                }
            }
            step++;
            listener.onProgress(new Progress(phase, step, total, clock.rate((long) to), clock.secondsLeft(step, total),
                    Map.of()));
        }
        return sums;
    }

    /** How many batches {@link #sum} runs over {@code images} images. */
    static int batches(int images, int batch) {
        return (images + batch - 1) / batch;
    }
}
