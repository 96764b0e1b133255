package dev.wfnet.figures;

import java.awt.Color;
import java.util.List;

/**
 * A continuous colour map: evenly spaced anchor colours, linearly interpolated in sRGB. The maps
 * here are safe for the common colour-vision deficiencies and print in greyscale in order
 * (viridis), so a figure reads the same for every reader.
 */
public final class ColorMap {
    /** Matplotlib's viridis (9 anchors): sequential, dark purple (0) to yellow (1); for alphas. */
    public static final ColorMap VIRIDIS = new ColorMap("viridis", "#440154", "#472D7B", "#3B528B", "#2C728E",
            "#21908C", "#27AD81", "#5DC863", "#AADC32", "#FDE725");
    /**
     * ColorBrewer's RdBu reversed (11 anchors): diverging, blue (low), white (middle), red (high);
     * for signed scores such as specificity.
     */
    public static final ColorMap BLUE_WHITE_RED = new ColorMap("blue-white-red", "#053061", "#2166AC", "#4393C3",
            "#92C5DE", "#D1E5F0", "#F7F7F7", "#FDDBC7", "#F4A582", "#D6604D", "#B2182B", "#67001F");
    /** The colour of a missing value (NaN). */
    public static final Color MISSING = new Color(0xBDBDBD);

    private final String name;
    private final List<Color> anchors;

    private ColorMap(String name, String... hexAnchors) {
        this.name = name;
        this.anchors = java.util.Arrays.stream(hexAnchors).map(Color::decode).toList();
    }

    /** A map through explicit anchors, evenly spaced from 0 to 1. */
    public static ColorMap of(String name, List<Color> anchors) {
        if (anchors.size() < 2) {
            throw new IllegalArgumentException("a colour map needs at least two anchors");
        }
        return new ColorMap(name, anchors);
    }

    private ColorMap(String name, List<Color> anchors) {
        this.name = name;
        this.anchors = List.copyOf(anchors);
    }

    public String name() {
        return name;
    }

    /** The colour at {@code t} in [0, 1] (clamped); {@link #MISSING} for NaN. */
    public Color colorAt(double t) {
        if (Double.isNaN(t)) {
            return MISSING;
        }
        double position = Math.max(0, Math.min(1, t)) * (anchors.size() - 1);
        int lower = Math.min((int) Math.floor(position), anchors.size() - 2);
        double fraction = position - lower;
        Color a = anchors.get(lower);
        Color b = anchors.get(lower + 1);
        return new Color(mix(a.getRed(), b.getRed(), fraction), mix(a.getGreen(), b.getGreen(), fraction),
                mix(a.getBlue(), b.getBlue(), fraction));
    }

    /** Relative luminance (0 black, 1 white), to pick readable text over a colour. */
    public static double luminance(Color color) {
        return (0.2126 * color.getRed() + 0.7152 * color.getGreen() + 0.0722 * color.getBlue()) / 255.0;
    }

    private static int mix(int a, int b, double fraction) {
        return (int) Math.round(a + (b - a) * fraction);
    }

    @Override
    public String toString() {
        return "ColorMap[" + name + "]";
    }
}
