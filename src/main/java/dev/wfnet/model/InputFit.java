package dev.wfnet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.wfnet.data.ImageShape;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How images of one size reach a network trained on another (a 32x32 LeNet on 28x28 digits): a
 * frame of constant pixels around them, or a resize. It is the first step of the model's forward
 * pass and is stored in the model's architecture arguments ({@code fit=pad:32x32:-0.4242}), so
 * evaluation, untraining, the window and prediction all do the same.
 *
 * @param pad whether to frame ({@code pad}) rather than resize ({@code resize})
 * @param height the network's input height
 * @param width the network's input width
 * @param fill the framing value per channel, in normalised units (for black pixels, -mean/std),
 *             as {@code transforms.Pad} before {@code ToTensor} and {@code Normalize} gives them
 */
public record InputFit(boolean pad, int height, int width, double[] fill) {
    /** The architecture argument that holds it. */
    public static final String ARGUMENT = "fit";

    public InputFit {
        fill = fill.clone();
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("fit size must be positive, got " + height + "x" + width);
        }
    }

    @Override
    public double[] fill() {
        return fill.clone();
    }

    /** {@code pad:32x32:-0.4242} or {@code resize:32x32}. */
    public String text() {
        String size = height + "x" + width;
        return pad ? "pad:" + size + ":" + Arrays.stream(fill).mapToObj(v -> String.format(Locale.ROOT, "%.9g", v))
                .collect(Collectors.joining(",")) : "resize:" + size;
    }

    public static InputFit parse(String text) {
        String[] parts = text.trim().split(":");
        try {
            String[] size = parts[1].split("x");
            int height = Integer.parseInt(size[0]);
            int width = Integer.parseInt(size[1]);
            if (parts[0].equals("resize") && parts.length == 2) {
                return new InputFit(false, height, width, new double[0]);
            }
            if (parts[0].equals("pad") && parts.length == 3) {
                return new InputFit(true, height, width, Arrays.stream(parts[2].split(","))
                        .mapToDouble(Double::parseDouble).toArray());
            }
        } catch (RuntimeException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("fit '" + text + "' is not pad:HxW:FILL[,FILL...] or resize:HxW");
    }

    /** The network's input shape for images of {@code data}'s channels. */
    ImageShape networkInput(ImageShape data) {
        return new ImageShape(data.channels(), height, width);
    }

    /** Checks that images of this shape can be fitted, naming why not. */
    void check(ImageShape data) {
        if (pad) {
            int dh = height - data.height();
            int dw = width - data.width();
            if (dh < 0 || dw < 0 || dh % 2 != 0 || dw % 2 != 0) {
                throw new IllegalArgumentException("padding " + data + " images to " + height + "x" + width
                        + " needs an even, non-negative difference on each side; use resize");
            }
            if (fill.length != 1 && fill.length != data.channels()) {
                throw new IllegalArgumentException("the frame has " + fill.length + " fill values for "
                        + data.channels() + " channels");
            }
        }
    }

    /** A batch {@code N x C x h x w} brought to {@code N x C x height x width}. */
    NDArray apply(NDArray x) {
        Shape shape = x.getShape();
        int channels = (int) shape.get(1);
        int h = (int) shape.get(2);
        int w = (int) shape.get(3);
        if (pad) {
            int top = (height - h) / 2;
            int left = (width - w) / 2;
            NDArray framed = x.pad(new Shape(left, width - w - left, top, height - h - top), 0);
            NDManager manager = x.getManager();
            NDArray inside = manager.ones(new Shape(1, 1, h, w), x.getDataType())
                    .pad(new Shape(left, width - w - left, top, height - h - top), 0);
            float[] values = new float[channels];
            for (int c = 0; c < channels; c++) {
                values[c] = (float) fill[fill.length == 1 ? 0 : c];
            }
            NDArray frame = EngineValues.copyOf(manager, values, new Shape(1, channels, 1, 1))
                    .mul(EngineValues.plus(inside.neg(), 1));
            return framed.add(frame);
        }
        NDManager manager = x.getManager();
        NDArray rows = EngineValues.copyOf(manager, resampling(h, height), new Shape(height, h));
        NDArray columns = EngineValues.copyOf(manager, resampling(w, width), new Shape(width, w)).transpose();
        return rows.matMul(x).matMul(columns);
    }

    /**
     * PIL's bilinear resampling as a matrix ({@code out x in}): a triangle filter widened by the
     * scale when shrinking (antialiasing), weights normalised over the taps inside the image.
     * torchvision's {@code Resize} on PIL images computes the same.
     */
    static float[] resampling(int in, int out) {
        double scale = (double) in / out;
        double filterScale = Math.max(scale, 1.0);
        double support = filterScale;
        float[] matrix = new float[out * in];
        for (int o = 0; o < out; o++) {
            double center = (o + 0.5) * scale;
            int min = Math.max((int) (center - support + 0.5), 0);
            int max = Math.min((int) (center + support + 0.5), in);
            double total = 0;
            double[] weights = new double[max - min];
            for (int i = min; i < max; i++) {
                double weight = Math.max(0, 1 - Math.abs((i - center + 0.5) / filterScale));
                weights[i - min] = weight;
                total += weight;
            }
            for (int i = min; i < max; i++) {
                matrix[o * in + i] = (float) (total == 0 ? 0 : weights[i - min] / total);
            }
        }
        return matrix;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InputFit that && pad == that.pad && height == that.height && width == that.width
                && Arrays.equals(fill, that.fill);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(pad, height, width, Arrays.hashCode(fill));
    }
}
