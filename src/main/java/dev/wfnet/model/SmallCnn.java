package dev.wfnet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import dev.wfnet.data.ImageShape;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference small CNN (docs/method.md): conv 3x3 32 - ReLU - maxpool 2 - conv 3x3 64 - ReLU - maxpool 2 -
 * fc 128 - ReLU - fc classes. Convolutions pad by one so only the pools shrink the image: 28x28
 * inputs reach fc1 as 64x7x7, which gives the reference run's 421k weights.
 */
public final class SmallCnn extends FunctionalNetwork implements FeatureMapNetwork {
    public static final String ID = "small-cnn";
    private static final Shape POOL = new Shape(2, 2);
    private static final Shape NO_PADDING = new Shape(0, 0);

    public SmallCnn(ImageShape input, int classes) {
        super(input, classes, parameterList(input, classes));
    }

    private static List<ParameterSpec> parameterList(ImageShape input, int classes) {
        long height = input.height() / 2 / 2;
        long width = input.width() / 2 / 2;
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("small-cnn needs inputs of at least 4x4, got " + input);
        }
        List<ParameterSpec> specs = new ArrayList<>();
        Layers.convParameters(specs, "conv1", input.channels(), 32, 3, true, Init.UNIFORM_FAN_IN);
        Layers.convParameters(specs, "conv2", 32, 64, 3, true, Init.UNIFORM_FAN_IN);
        Layers.linearParameters(specs, "fc1", 64 * height * width, 128, Init.UNIFORM_FAN_IN);
        Layers.linearParameters(specs, "fc2", 128, classes, Init.UNIFORM_FAN_IN);
        return specs;
    }

    @Override
    public ArchitectureSpec spec() {
        return ArchitectureSpec.of(ID);
    }

    @Override
    public NDArray forward(ParameterSource p, NDArray x, boolean training) {
        return head(p, features(p, x));
    }

    /** After conv2 and its ReLU, before the pool: 64 maps at half the input resolution. */
    @Override
    public FeatureLayer featureLayer() {
        return new FeatureLayer("conv2", "conv2.weight", 64);
    }

    @Override
    public NDArray features(ParameterSource p, NDArray x) {
        x = Activation.relu(Layers.conv(p, "conv1", x, 1, 1, true));
        x = Pool.maxPool2d(x, POOL, POOL, NO_PADDING, false);
        return Activation.relu(Layers.conv(p, "conv2", x, 1, 1, true));
    }

    @Override
    public NDArray head(ParameterSource p, NDArray x) {
        x = Pool.maxPool2d(x, POOL, POOL, NO_PADDING, false);
        x = x.reshape(x.getShape().get(0), -1);
        x = Activation.relu(Layers.linear(p, "fc1", x));
        return Layers.linear(p, "fc2", x);
    }
}
