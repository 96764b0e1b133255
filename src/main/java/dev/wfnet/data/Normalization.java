package dev.wfnet.data;

import java.util.Arrays;

/**
 * Per-channel input normalisation {@code (pixel / 255 - mean) / std}, as torchvision's
 * {@code Normalize} after {@code ToTensor}.
 */
public record Normalization(double[] mean, double[] std) {

    public Normalization {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("mean and std need one value per channel");
        }
        for (double s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std must be positive: " + Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** Fashion-MNIST's training-set statistics (docs/method.md). */
    public static Normalization fashionMnist() {
        return new Normalization(new double[] {0.2860}, new double[] {0.3530});
    }

    /**
     * The normalisation a model trained on {@code train} should use: Fashion-MNIST's published
     * statistics for Fashion-MNIST (so every model of it agrees), else measured on the split.
     */
    public static Normalization suitedTo(ImageDataset train) {
        return train.classNames().equals(FashionMnist.CLASS_NAMES) && train.shape().channels() == 1
                ? fashionMnist() : measure(train);
    }

    /** Mean and standard deviation of every channel over a dataset's pixels. */
    public static Normalization measure(ImageDataset data) {
        ImageShape shape = data.shape();
        int plane = shape.height() * shape.width();
        double[] sum = new double[shape.channels()];
        double[] sumSquares = new double[shape.channels()];
        byte[] pixels = data.pixels();
        for (int i = 0; i < pixels.length; i++) {
            int channel = (i / plane) % shape.channels();
            double value = (pixels[i] & 0xFF) / 255.0;
            sum[channel] += value;
            sumSquares[channel] += value * value;
        }
        double count = (double) data.size() * plane;
        double[] mean = new double[shape.channels()];
        double[] std = new double[shape.channels()];
        for (int c = 0; c < mean.length; c++) {
            mean[c] = sum[c] / count;
            std[c] = Math.sqrt(Math.max(sumSquares[c] / count - mean[c] * mean[c], 1e-12));
        }
        return new Normalization(mean, std);
    }

    public int channels() {
        return mean.length;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Normalization that && Arrays.equals(mean, that.mean)
                && Arrays.equals(std, that.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "mean " + Arrays.toString(mean) + " std " + Arrays.toString(std);
    }

    /**
     * Writes images {@code indices[from..to)} of {@code data} into {@code out} as normalised floats.
     * The hot path of every training step and evaluation, so it avoids all allocation.
     */
    public void fill(ImageDataset data, int[] indices, int from, int to, float[] out) {
        ImageShape shape = data.shape();
        if (shape.channels() != mean.length) {
            throw new IllegalArgumentException(data.name() + " has " + shape + " images, but this"
                    + " normalisation is for " + mean.length + " channel(s)");
        }
        int plane = shape.height() * shape.width();
        int pixelCount = shape.pixelCount();
        byte[] pixels = data.pixels();
        float[] scale = new float[mean.length];
        float[] shift = new float[mean.length];
        for (int c = 0; c < mean.length; c++) {
            scale[c] = (float) (1.0 / (255.0 * std[c]));
            shift[c] = (float) (mean[c] / std[c]);
        }
        int o = 0;
        for (int i = from; i < to; i++) {
            int base = indices[i] * pixelCount;
            for (int c = 0; c < shape.channels(); c++) {
                float sc = scale[c];
                float sh = shift[c];
                int start = base + c * plane;
                for (int p = 0; p < plane; p++) {
                    out[o++] = (pixels[start + p] & 0xFF) * sc - sh;
                }
            }
        }
    }
}
