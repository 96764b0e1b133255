package dev.wfnet.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Labelled images held as unsigned bytes in N x C x H x W order, with the names of the classes.
 * Immutable by convention: the arrays are never written after construction, so subsets may be
 * shared freely between threads.
 *
 * @param name where the images came from, for messages and provenance ("fashion-mnist/train")
 * @param shape channels, height and width of every image
 * @param pixels {@code size * shape.pixelCount()} unsigned bytes
 * @param labels one class index per image, each in {@code [0, classNames.size())}
 * @param classNames the name of each class, by index
 */
public record ImageDataset(String name, ImageShape shape, byte[] pixels, int[] labels,
                           List<String> classNames) {

    public ImageDataset {
        Objects.requireNonNull(name);
        Objects.requireNonNull(shape);
        classNames = List.copyOf(classNames);
        if ((long) labels.length * shape.pixelCount() != pixels.length) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels but "
                    + pixels.length + " bytes of " + shape + " images");
        }
        for (int label : labels) {
            if (label < 0 || label >= classNames.size()) {
                throw new IllegalArgumentException(name + ": label " + label + " outside the "
                        + classNames.size() + " classes");
            }
        }
    }

    public int size() {
        return labels.length;
    }

    public int classCount() {
        return classNames.size();
    }

    public int label(int index) {
        return labels[index];
    }

    /** The unsigned value (0-255) of one pixel of one image. */
    public int pixel(int index, int offset) {
        return pixels[index * shape.pixelCount() + offset] & 0xFF;
    }

    /** The images at the given indices, in that order. */
    public ImageDataset subset(String subsetName, int[] indices) {
        int pixelCount = shape.pixelCount();
        byte[] subPixels = new byte[indices.length * pixelCount];
        int[] subLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * pixelCount, subPixels, i * pixelCount, pixelCount);
            subLabels[i] = labels[indices[i]];
        }
        return new ImageDataset(subsetName, shape, subPixels, subLabels, classNames);
    }

    /** How many images each class has. */
    public int[] classCounts() {
        int[] counts = new int[classNames.size()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImageDataset that && name.equals(that.name) && shape.equals(that.shape)
                && Arrays.equals(pixels, that.pixels) && Arrays.equals(labels, that.labels)
                && classNames.equals(that.classNames);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, shape, Arrays.hashCode(labels), classNames);
    }

    @Override
    public String toString() {
        return name + " (" + size() + " images of " + shape + ", " + classCount() + " classes)";
    }
}
