package dev.wfnet.explain;

import dev.wfnet.data.ImageShape;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Insertion and deletion (Petsiuk et al. 2018, RISE): perturb an image pixel by pixel in the
 * order a saliency map gives, most salient first, and follow the class probability.
 * <ul>
 *   <li>deletion: the image, with the top pixels progressively set to the baseline; a good map
 *       makes the probability fall fast (low area under the curve).</li>
 *   <li>insertion: the baseline image, with the top pixels progressively restored; a good map
 *       makes it rise fast (high area).</li>
 * </ul>
 * The baseline ({@link PerturbationBaseline}) is one normalised value per channel, the same for
 * both curves. A pixel is perturbed in every channel at once. Point {@code i} of {@code steps + 1}
 * has {@code min(i * ceil(pixels / steps), pixels)} pixels perturbed.
 *
 * @param shape the image shape
 * @param steps how many perturbation steps (the curves have {@code steps + 1} points)
 * @param baseline the normalised value of a perturbed pixel, one per channel
 */
public record PerturbationCurves(ImageShape shape, int steps, float[] baseline) {

    public PerturbationCurves {
        baseline = baseline.clone();
        if (baseline.length != shape.channels()) {
            throw new IllegalArgumentException("one baseline value per channel expected, got " + baseline.length);
        }
        checkSteps(shape, steps);
    }

    /** Refuses a number of steps that is not between one and one per pixel. */
    static void checkSteps(ImageShape shape, int steps) {
        int pixels = shape.height() * shape.width();
        if (steps < 1 || steps > pixels) {
            throw new IllegalArgumentException("steps must be between 1 and " + pixels + " (one per pixel of "
                    + shape + " images), got " + steps);
        }
    }

    public int points() {
        return steps + 1;
    }

    private int pixels() {
        return shape.height() * shape.width();
    }

    private int perturbedAt(int point) {
        int perStep = (pixels() + steps - 1) / steps;
        return Math.min(point * perStep, pixels());
    }

    /** The fraction of pixels perturbed at each point, from 0 to 1: the curves' x axis. */
    public double[] fractions() {
        return IntStream.range(0, points()).mapToDouble(i -> (double) perturbedAt(i) / pixels()).toArray();
    }

    /** Pixel positions ({@code y * width + x}) from most to least salient; ties keep position order. */
    public static int[] order(float[][] saliency) {
        int width = saliency[0].length;
        return IntStream.range(0, saliency.length * width).boxed()
                .sorted(Comparator.comparingDouble((Integer p) -> -saliency[p / width][p % width]))
                .mapToInt(Integer::intValue).toArray();
    }

    /** The {@link #points()} deletion images of one normalised image, written into {@code out} at {@code offset}. */
    public void deletion(float[] image, int[] order, float[] out, int offset) {
        fill(image, order, out, offset, true);
    }

    /** The {@link #points()} insertion images of one normalised image, written into {@code out} at {@code offset}. */
    public void insertion(float[] image, int[] order, float[] out, int offset) {
        fill(image, order, out, offset, false);
    }

    private void fill(float[] image, int[] order, float[] out, int offset, boolean deleting) {
        int size = shape.pixelCount();
        int plane = pixels();
        if (image.length != size || order.length != plane) {
            throw new IllegalArgumentException("an image of " + shape + " and an order of " + plane + " pixels expected");
        }
        float[] current = image.clone();
        if (!deleting) {
            for (int c = 0; c < shape.channels(); c++) {
                java.util.Arrays.fill(current, c * plane, (c + 1) * plane, baseline[c]);
            }
        }
        int done = 0;
        for (int point = 0; point < points(); point++) {
            for (int target = perturbedAt(point); done < target; done++) {
                int pixel = order[done];
                for (int c = 0; c < shape.channels(); c++) {
                    current[c * plane + pixel] = deleting ? baseline[c] : image[c * plane + pixel];
                }
            }
            System.arraycopy(current, 0, out, offset + point * size, size);
        }
    }

    @Override
    public float[] baseline() {
        return baseline.clone();
    }

    /** Area under a curve by the trapezoid rule. */
    public static double auc(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("a curve needs at least two points and as many x as y values");
        }
        double area = 0;
        for (int i = 1; i < x.length; i++) {
            area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2;
        }
        return area;
    }

    /** A copy of one image's floats out of a concatenation. */
    static float[] image(float[] images, int index, ImageShape shape) {
        return Arrays.copyOfRange(images, index * shape.pixelCount(), (index + 1) * shape.pixelCount());
    }
}
