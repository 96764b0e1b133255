package dev.wfnet.model;

import dev.wfnet.data.ImageShape;
import java.util.Random;

/**
 * Training-time augmentation on normalised batches: a horizontal flip with probability one half
 * and a shift of up to {@code maxShift} pixels each way, filling uncovered pixels with the
 * normalised value of black, as a zero-padded random crop does.
 */
final class Augmenter {
    private final ImageShape shape;
    private final int maxShift;
    private final float[] background;
    private final float[] scratch;

    Augmenter(ImageShape shape, int maxShift, double[] mean, double[] std) {
        this.shape = shape;
        this.maxShift = maxShift;
        this.background = new float[shape.channels()];
        for (int c = 0; c < background.length; c++) {
            background[c] = (float) (-mean[c] / std[c]);
        }
        this.scratch = new float[shape.pixelCount()];
    }

    void apply(float[] batch, int count, Random random) {
        int h = shape.height();
        int w = shape.width();
        int plane = h * w;
        for (int n = 0; n < count; n++) {
            boolean flip = random.nextBoolean();
            int dy = random.nextInt(2 * maxShift + 1) - maxShift;
            int dx = random.nextInt(2 * maxShift + 1) - maxShift;
            int base = n * shape.pixelCount();
            System.arraycopy(batch, base, scratch, 0, scratch.length);
            for (int c = 0; c < shape.channels(); c++) {
                for (int y = 0; y < h; y++) {
                    int sy = y + dy;
                    for (int x = 0; x < w; x++) {
                        int sx = (flip ? w - 1 - x : x) + dx;
                        batch[base + c * plane + y * w + x] = sy < 0 || sy >= h || sx < 0 || sx >= w
                                ? background[c] : scratch[c * plane + sy * w + sx];
                    }
                }
            }
        }
    }
}
