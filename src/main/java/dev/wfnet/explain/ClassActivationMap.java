package dev.wfnet.explain;

/**
 * The arithmetic shared by every class-activation-map method, on the heap: a weighted sum of
 * activation maps, ReLU, bilinear upsampling to the input size and scaling to [0, 1]. Alpha
 * saliency and Grad-CAM differ only in the channel weights they feed in.
 */
public final class ClassActivationMap {

    private ClassActivationMap() {
    }

    /**
     * {@code normalise(upsample(relu(sum_k weights[k] * maps[k])))}.
     *
     * @param maps {@code channels x height x width}, row-major
     * @param weights one per channel
     */
    public static float[][] of(float[] maps, int height, int width, double[] weights, int outHeight, int outWidth) {
        int plane = height * width;
        if (maps.length != weights.length * plane) {
            throw new IllegalArgumentException(maps.length + " activations are not " + weights.length + " maps of "
                    + height + "x" + width);
        }
        double[] sum = new double[plane];
        for (int k = 0; k < weights.length; k++) {
            double weight = weights[k];
            if (weight == 0) {
                continue;
            }
            for (int i = 0, offset = k * plane; i < plane; i++) {
                sum[i] += weight * maps[offset + i];
            }
        }
        float[][] map = new float[height][width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                map[y][x] = (float) Math.max(0, sum[y * width + x]);
            }
        }
        return normalise(upsample(map, outHeight, outWidth));
    }

    /**
     * Bilinear resampling with PyTorch's {@code align_corners=False} convention: pixel centres
     * map onto pixel centres, and the borders repeat.
     */
    public static float[][] upsample(float[][] map, int outHeight, int outWidth) {
        int height = map.length;
        int width = map[0].length;
        float[][] out = new float[outHeight][outWidth];
        for (int y = 0; y < outHeight; y++) {
            double sy = Math.max(0, (y + 0.5) * height / outHeight - 0.5);
            int y0 = Math.min((int) sy, height - 1);
            int y1 = Math.min(y0 + 1, height - 1);
            double fy = sy - y0;
            for (int x = 0; x < outWidth; x++) {
                double sx = Math.max(0, (x + 0.5) * width / outWidth - 0.5);
                int x0 = Math.min((int) sx, width - 1);
                int x1 = Math.min(x0 + 1, width - 1);
                double fx = sx - x0;
                double top = map[y0][x0] * (1 - fx) + map[y0][x1] * fx;
                double bottom = map[y1][x0] * (1 - fx) + map[y1][x1] * fx;
                out[y][x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }

    /** Scales to [0, 1] by min and max; a flat map (nothing salient) becomes all zeros. */
    public static float[][] normalise(float[][] map) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float[] row : map) {
            for (float value : row) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        float[][] out = new float[map.length][map[0].length];
        if (!(max > min)) {
            return out;
        }
        for (int y = 0; y < map.length; y++) {
            for (int x = 0; x < map[y].length; x++) {
                out[y][x] = (map[y][x] - min) / (max - min);
            }
        }
        return out;
    }
}
