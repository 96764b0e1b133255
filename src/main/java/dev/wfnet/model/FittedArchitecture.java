package dev.wfnet.model;

import ai.djl.ndarray.NDArray;
import dev.wfnet.data.ImageShape;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A network that takes images of another size than it was trained on, through an {@link InputFit}
 * applied first: its input shape is the images', its parameters are the network's. Built by the
 * catalogue for any architecture whose arguments include {@code fit}.
 */
class FittedArchitecture implements Architecture {
    private final Architecture network;
    private final InputFit fit;
    private final ImageShape input;

    FittedArchitecture(Architecture network, InputFit fit, ImageShape input) {
        fit.check(input);
        this.network = network;
        this.fit = fit;
        this.input = input;
    }

    /** The fitted network, offering feature maps when the network does. */
    static Architecture of(Architecture network, InputFit fit, ImageShape input) {
        return network instanceof FeatureMapNetwork maps ? new WithFeatureMaps(maps, fit, input)
                : new FittedArchitecture(network, fit, input);
    }

    @Override
    public ArchitectureSpec spec() {
        Map<String, String> arguments = new TreeMap<>(network.spec().arguments());
        arguments.put(InputFit.ARGUMENT, fit.text());
        return ArchitectureSpec.of(network.spec().id(), arguments);
    }

    @Override
    public ImageShape inputShape() {
        return input;
    }

    @Override
    public int classCount() {
        return network.classCount();
    }

    @Override
    public List<ParameterSpec> parameters() {
        return network.parameters();
    }

    @Override
    public NDArray forward(ParameterSource parameters, NDArray x, boolean training) {
        return network.forward(parameters, fit.apply(x), training);
    }

    /** With feature maps: those of the network, on the fitted images. */
    static final class WithFeatureMaps extends FittedArchitecture implements FeatureMapNetwork {
        private final FeatureMapNetwork maps;
        private final InputFit fit;

        WithFeatureMaps(FeatureMapNetwork network, InputFit fit, ImageShape input) {
            super(network, fit, input);
            this.maps = network;
            this.fit = fit;
        }

        @Override
        public FeatureLayer featureLayer() {
            return maps.featureLayer();
        }

        @Override
        public NDArray features(ParameterSource parameters, NDArray x) {
            return maps.features(parameters, fit.apply(x));
        }

        @Override
        public NDArray head(ParameterSource parameters, NDArray features) {
            return maps.head(parameters, features);
        }
    }
}
