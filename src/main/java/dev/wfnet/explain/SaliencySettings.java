package dev.wfnet.explain;

import dev.wfnet.data.ImageShape;

/**
 * The choices behind a saliency benchmark.
 *
 * @param images test images, balanced over classes (0 skips the benchmark)
 * @param steps perturbation steps per curve; 0 means one per image row (28 for 28x28: 29 points)
 * @param examples images shown in the overlay figure
 * @param seed the image selection and the random baseline
 * @param baseline what deleted pixels become and insertion starts from
 */
public record SaliencySettings(int images, int steps, int examples, long seed, PerturbationBaseline baseline) {
    public static final int DEFAULT_IMAGES = 200;

    public SaliencySettings {
        if (images < 0 || steps < 0 || examples < 0) {
            throw new IllegalArgumentException("saliency images, steps and examples must be >= 0, got " + images + ", "
                    + steps + ", " + examples);
        }
        java.util.Objects.requireNonNull(baseline, "baseline");
    }

    /**
     * The perturbation steps for images of a shape: {@link #steps()}, or one per image row when it
     * is 0.
     *
     * @throws IllegalArgumentException if that is more than one step per pixel
     */
    public int stepsFor(ImageShape shape) {
        int resolved = steps == 0 ? shape.height() : steps;
        PerturbationCurves.checkSteps(shape, resolved);
        return resolved;
    }

    public static SaliencySettings defaults() {
        return new SaliencySettings(DEFAULT_IMAGES, 0, 6, 42, PerturbationBaseline.MEAN);
    }
}
