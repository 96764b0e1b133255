package dev.wfnet.data;

import dev.wfnet.WfnetException;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A second ten-class dataset of 28 x 28 grey images, made on this machine in seconds: the digits
 * 0 to 9 drawn with the Java2D fonts at hand (the logical fonts and the DejaVu families, plain,
 * bold, italic and bold italic), each distorted by {@link GlyphRenderer}. It is for trying a
 * model or an untraining setting on digits that look like MNIST without downloading MNIST.
 *
 * <p>Deterministic: every image is a function of the seed, its split and its index, so the same
 * seed gives the same bytes on the same Java runtime and fonts. Classes are balanced exactly
 * (when the size is a multiple of ten) and shuffled. The train and test splits share no seed.
 */
public final class GlyphDigits {

    /** The shape of every image. */
    public static final ImageShape SHAPE = new ImageShape(1, GlyphRenderer.SIDE, GlyphRenderer.SIDE);
    /** MNIST's sizes, the default. */
    public static final int TRAIN_SIZE = 60_000;
    public static final int TEST_SIZE = 10_000;
    /** The font families drawn with, those not installed left out. */
    static final List<String> FAMILIES = List.of("Serif", "SansSerif", "Monospaced", "Dialog", "DialogInput",
            "DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono", "DejaVu Sans Condensed",
            "DejaVu Serif Condensed", "DejaVu Sans Light");
    private static final Set<String> LOGICAL_FAMILIES = Set.of("Serif", "SansSerif", "Monospaced", "Dialog",
            "DialogInput");
    private static final int[] STYLES = {Font.PLAIN, Font.BOLD, Font.ITALIC, Font.BOLD | Font.ITALIC};
    private static final long TRAIN_SALT = 0x747261696eL;
    private static final long TEST_SALT = 0x74657374L;

    private GlyphDigits() {
    }

    /**
     * The fonts drawn with on this machine: every family of {@link #FAMILIES} in every style, the
     * DejaVu ones only where installed (Java always has its logical fonts, mapped to whatever the
     * system offers).
     */
    public static List<Font> fonts() {
        Set<String> installed = Set.of(GraphicsEnvironment.getLocalGraphicsEnvironment()
                .getAvailableFontFamilyNames());
        List<Font> fonts = new ArrayList<>();
        for (String family : FAMILIES) {
            if (LOGICAL_FAMILIES.contains(family) || installed.contains(family)) {
                for (int style : STYLES) {
                    fonts.add(new Font(family, style, 48));
                }
            }
        }
        return fonts;
    }

    /** The names of {@link #fonts()}, for provenance ("DejaVu Sans Bold"). */
    public static List<String> fontNames() {
        return fonts().stream().map(Font::getFontName).toList();
    }

    /**
     * Makes both splits, named {@code glyphs/train} and {@code glyphs/test}, with classes "0" to "9".
     *
     * @throws WfnetException if a size is not positive
     */
    public static DatasetSplits generate(long seed, int trainSize, int testSize) throws WfnetException {
        if (trainSize < 1 || testSize < 1) {
            throw new WfnetException("a glyph dataset needs at least one training and one test image, not "
                    + trainSize + " and " + testSize);
        }
        GlyphRenderer renderer = new GlyphRenderer(fonts(), DatasetCatalog.DIGIT_CLASS_NAMES);
        return new DatasetSplits(split(renderer, "glyphs/train", mix(seed ^ TRAIN_SALT), trainSize),
                split(renderer, "glyphs/test", mix(seed ^ TEST_SALT), testSize));
    }

    private static ImageDataset split(GlyphRenderer renderer, String name, long splitSeed, int size) {
        int classes = DatasetCatalog.DIGIT_CLASS_NAMES.size();
        int[] labels = balancedLabels(size, classes, new SplittableRandom(splitSeed));
        byte[] pixels = new byte[size * SHAPE.pixelCount()];
        for (int i = 0; i < size; i++) {
            renderer.render(labels[i], new SplittableRandom(mix(splitSeed + mix(i + 1L))), pixels,
                    i * SHAPE.pixelCount());
        }
        return new ImageDataset(name, SHAPE, pixels, labels, DatasetCatalog.DIGIT_CLASS_NAMES);
    }

    /** {@code size} labels, each class {@code size / classes} times (the first {@code size % classes} once more), shuffled. */
    static int[] balancedLabels(int size, int classes, SplittableRandom random) {
        int[] labels = new int[size];
        Arrays.setAll(labels, i -> i % classes);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = labels[i];
            labels[i] = labels[j];
            labels[j] = swap;
        }
        return labels;
    }

    /** MurmurHash3's 64-bit finaliser: nearby inputs give unrelated seeds. */
    static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
