package dev.wfnet.app.forget;

import dev.wfnet.data.ImageDataset;

/**
 * An image the user dropped on the view, as the model reads it, classified by the original and by
 * the filtered model.
 *
 * @param name the file name
 * @param image the one image at the model's input shape
 * @param original the original model's class probabilities
 * @param filtered the filtered model's class probabilities under the current class set
 * @param explainedClass the class the saliency explains: the original model's prediction
 * @param saliency the alpha saliency of {@code explainedClass}, {@code height x width} in [0, 1], or
 *                 null for an architecture without a convolutional layer to explain
 */
public record DroppedImage(String name, ImageDataset image, float[] original, float[] filtered, int explainedClass,
                           float[][] saliency) {

    public DroppedImage {
        original = original.clone();
        filtered = filtered.clone();
    }

    /** The same image under another class set. */
    public DroppedImage withFiltered(float[] newFiltered) {
        return new DroppedImage(name, image, original, newFiltered, explainedClass, saliency);
    }

    @Override
    public float[] original() {
        return original.clone();
    }

    @Override
    public float[] filtered() {
        return filtered.clone();
    }
}
