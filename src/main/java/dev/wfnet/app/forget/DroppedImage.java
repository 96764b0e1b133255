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
 */
public record DroppedImage(String name, ImageDataset image, float[] original, float[] filtered) {

    public DroppedImage {
        original = original.clone();
        filtered = filtered.clone();
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
