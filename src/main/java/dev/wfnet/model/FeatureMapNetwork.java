package dev.wfnet.model;

import ai.djl.ndarray.NDArray;

/**
 * A network that can stop at its last convolutional layer's activation maps and resume from them:
 * {@code forward(x) == head(features(x))}. Saliency methods (class activation maps, Grad-CAM)
 * weight those maps; splitting the forward pass in two, instead of recording every activation,
 * also lets Grad-CAM differentiate the head alone with respect to the maps.
 */
public interface FeatureMapNetwork extends Architecture {

    /** Which layer {@link #features} stops at, and the weight whose output channels the maps are. */
    FeatureLayer featureLayer();

    /** The feature layer's activations for a batch, {@code N x channels x h x w}, in inference mode. */
    NDArray features(ParameterSource parameters, NDArray input);

    /** Logits from the feature layer's activations, {@code N x classCount}. */
    NDArray head(ParameterSource parameters, NDArray features);

    /**
     * The layer saliency reads.
     *
     * @param name the activation's name, for reports ({@code conv2}, {@code layer3.2})
     * @param weight the convolution weight whose output channel k produces activation map k
     * @param channels how many activation maps there are
     */
    record FeatureLayer(String name, String weight, int channels) {
    }
}
