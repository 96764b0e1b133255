package dev.wfnet.imports.keras;

import com.google.gson.JsonObject;
import dev.wfnet.io.HostTensor;
import java.util.List;
import java.util.Objects;

/**
 * One Keras layer as a saved model describes it: its class ({@code "Conv2D"}), its name, its
 * config (the JSON object Keras writes under {@code "config"}) and its weights in Keras's order
 * and layout: a convolution's kernel (height, width, in, out) and bias; a dense layer's kernel
 * (in, out) and bias; a batch norm's gamma, beta, moving_mean and moving_variance (gamma and beta
 * only when {@code scale} and {@code center} are on); a Normalization layer's mean, variance and
 * count. Weights are looked up by their short name ({@code kernel}, {@code moving_mean}), so any
 * reader (HDF5, a Keras 3 zip, a SavedModel) can supply them.
 *
 * @param className the Keras class name
 * @param name the layer's name
 * @param config the layer's config; not modified by the mapper
 * @param weights the weights, in Keras's order
 */
public record KerasLayer(String className, String name, JsonObject config, List<Weight> weights) {

    /**
     * One weight.
     *
     * @param name its short name ({@code kernel}, {@code bias}, {@code gamma}, {@code moving_mean})
     * @param value its values in Keras's layout
     */
    public record Weight(String name, HostTensor value) {
        public Weight {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    public KerasLayer {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(name, "name");
        config = config == null ? new JsonObject() : config;
        weights = List.copyOf(weights);
    }

    /** The weight of that short name, or null. */
    public HostTensor weight(String shortName) {
        for (Weight weight : weights) {
            if (weight.name().equals(shortName)) {
                return weight.value();
            }
        }
        return null;
    }

    /** "conv2d_1 (Conv2D)" for messages. */
    public String describe() {
        return "'" + name + "' (" + className + ")";
    }
}
