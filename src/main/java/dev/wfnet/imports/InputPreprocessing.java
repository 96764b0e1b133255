package dev.wfnet.imports;

import dev.wfnet.data.Normalization;
import dev.wfnet.model.ArchitectureSpec;
import dev.wfnet.model.VisionTransformer;
import java.util.Arrays;
import java.util.Locale;

/**
 * How the source model's inputs were prepared, as published code does it: pixels scaled to
 * [0, 1] and left so ({@code ToTensor()} alone), scaled and normalised by a mean and standard
 * deviation ({@code Normalize(mean, std)}), or raw 0..255 values (optionally with a mean and
 * standard deviation in pixel units). All of them are one {@link Normalization}, which the model
 * file stores, so evaluation, the window and prediction prepare images the same way.
 *
 * @param mean per channel (or one for all), null for the default
 * @param std per channel (or one for all), null for the default
 * @param rawPixels whether the model takes 0..255 values, with mean and std in pixel units
 */
public record InputPreprocessing(double[] mean, double[] std, boolean rawPixels) {
    static final double[] IMAGENET_MEAN = {0.485, 0.456, 0.406};
    static final double[] IMAGENET_STD = {0.229, 0.224, 0.225};

    public InputPreprocessing {
        mean = mean == null ? null : mean.clone();
        std = std == null ? null : std.clone();
    }

    /** Nothing given: each architecture's usual default. */
    public static InputPreprocessing defaults() {
        return new InputPreprocessing(null, null, false);
    }

    /** Whether nothing was said about the inputs. */
    public boolean isDefault() {
        return mean == null && std == null && !rawPixels;
    }

    /**
     * The normalisation for a model of this architecture with this many channels, and its
     * description for the report ("ImageNet mean/std (the default for stem=imagenet)").
     */
    Resolved resolve(ArchitectureSpec spec, int channels) {
        if (rawPixels) {
            double[] m = perChannel(mean == null ? new double[] {0} : mean, channels, "mean");
            double[] s = perChannel(std == null ? new double[] {1} : std, channels, "std");
            return new Resolved(new Normalization(scale(m), scale(s)), "raw 0..255 pixels"
                    + (mean == null && std == null ? "" : ", minus mean " + text(m) + ", divided by std " + text(s)));
        }
        if (mean != null || std != null) {
            double[] m = perChannel(mean == null ? new double[] {0} : mean, channels, "mean");
            double[] s = perChannel(std == null ? new double[] {1} : std, channels, "std");
            return new Resolved(new Normalization(m, s), "pixels / 255, then mean " + text(m) + ", std " + text(s));
        }
        if (channels == 3 && "imagenet".equals(spec.arguments().get("stem"))) {
            return new Resolved(new Normalization(IMAGENET_MEAN, IMAGENET_STD),
                    "pixels / 255, then ImageNet mean/std (the default for stem=imagenet; give --mean/--std if yours"
                            + " differ)");
        }
        if (channels == 3 && spec.id().equals(VisionTransformer.ID)) {
            double[] half = {0.5, 0.5, 0.5};
            return new Resolved(new Normalization(half, half), "pixels / 255, then mean 0.5, std 0.5 (timm's ViT"
                    + " default; give --mean/--std if yours differ)");
        }
        double[] zeros = new double[channels];
        double[] ones = new double[channels];
        Arrays.fill(ones, 1);
        return new Resolved(new Normalization(zeros, ones), "pixels / 255 only (no --mean/--std given; give them if"
                + " the model was trained with Normalize)");
    }

    /** A normalisation and what it means. */
    record Resolved(Normalization normalization, String description) {
    }

    private static double[] perChannel(double[] values, int channels, String what) {
        if (values.length == channels) {
            return values.clone();
        }
        if (values.length == 1) {
            double[] out = new double[channels];
            Arrays.fill(out, values[0]);
            return out;
        }
        throw new IllegalArgumentException(what + " has " + values.length + " values, the model has " + channels
                + " channels");
    }

    private static double[] scale(double[] pixelUnits) {
        return Arrays.stream(pixelUnits).map(v -> v / 255.0).toArray();
    }

    private static String text(double[] values) {
        return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.4g", v))
                .reduce((a, b) -> a + "," + b).orElse("");
    }
}
