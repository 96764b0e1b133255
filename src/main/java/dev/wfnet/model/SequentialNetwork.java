package dev.wfnet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import dev.wfnet.data.ImageShape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plain stack of layers described by its layer list (argument {@code layers}, read by
 * {@link SequentialLayers}): the {@code nn.Sequential} CNNs and MLPs and the small
 * {@code class Net(nn.Module)} networks people train on MNIST and CIFAR. Convolutions (with and
 * without padding), batch norm, ReLU / LeakyReLU / Tanh / Sigmoid / GELU, max and average pooling,
 * zero padding (also uneven, as TensorFlow's {@code 'same'} with stride 2), global average pooling,
 * flatten, linear layers, dropout and a final LogSoftmax or Softmax.
 *
 * <p>Tensor names are the layers' names ({@code conv1.weight}), by default their index in the list
 * as in an {@code nn.Sequential} ({@code 0.weight}, {@code 3.weight}). Shapes are checked layer by
 * layer when the architecture is built, so a list that does not fit the input is refused with the
 * layer that breaks it. A Linear layer after maps flattens them first, as {@code x.view(N, -1)}
 * would. A final Softmax runs as LogSoftmax: the same probabilities, and outputs the loss can
 * treat as logits.
 */
public class SequentialNetwork extends FunctionalNetwork {
    public static final String ID = "sequential";
    private final List<SequentialLayer> layers;

    SequentialNetwork(ImageShape input, int classes, List<SequentialLayer> layers) {
        super(input, classes, parameterList(input, classes, layers));
        this.layers = List.copyOf(layers);
    }

    /** Builds the network of a layer list; one with a convolution also offers its feature maps. */
    static SequentialNetwork create(String layersText, ImageShape input, int classes) {
        List<SequentialLayer> layers = SequentialLayers.parse(layersText);
        return layers.stream().anyMatch(l -> l instanceof SequentialLayer.Conv2d)
                ? new WithFeatureMaps(input, classes, layers) : new SequentialNetwork(input, classes, layers);
    }

    public static SequentialNetwork create(List<SequentialLayer> layers, ImageShape input, int classes) {
        return create(SequentialLayers.text(layers), input, classes);
    }

    public List<SequentialLayer> layers() {
        return layers;
    }

    /** The shape flowing between layers: maps (channels, height, width) or a flat feature vector. */
    private record Flow(int channels, int height, int width, boolean flat) {
        static Flow maps(int c, int h, int w) {
            return new Flow(c, h, w, false);
        }

        static Flow features(long count) {
            if (count > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the flattened maps have " + count + " features, too many");
            }
            return new Flow((int) count, 1, 1, true);
        }

        long size() {
            return flat ? channels : (long) channels * height * width;
        }

        @Override
        public String toString() {
            return flat ? channels + " features" : channels + "x" + height + "x" + width + " maps";
        }
    }

    private static List<ParameterSpec> parameterList(ImageShape input, int classes, List<SequentialLayer> layers) {
        List<ParameterSpec> specs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Flow flow = Flow.maps(input.channels(), input.height(), input.width());
        for (int i = 0; i < layers.size(); i++) {
            SequentialLayer layer = layers.get(i);
            String where = "layer " + i + " (" + layer.text() + ")";
            if (layer instanceof SequentialLayer.Parameterised p && !names.add(p.name())) {
                throw new IllegalArgumentException(where + ": the name " + p.name() + " is used twice");
            }
            if (layer instanceof SequentialLayer.Output && i != layers.size() - 1) {
                throw new IllegalArgumentException(where + ": LogSoftmax and Softmax may only be the last layer");
            }
            flow = step(flow, layer, where, specs);
        }
        if (!flow.flat || flow.channels != classes) {
            throw new IllegalArgumentException("the layers end with " + flow + ", but the model has " + classes
                    + " classes" + (flow.flat ? "" : "; add Flatten() and a Linear layer"));
        }
        return specs;
    }

    private static Flow step(Flow flow, SequentialLayer layer, String where, List<ParameterSpec> specs) {
        if (layer instanceof SequentialLayer.Conv2d conv) {
            requireMaps(flow, where);
            if (conv.in() != flow.channels) {
                throw new IllegalArgumentException(where + " takes " + conv.in() + " channels, the layers before it"
                        + " give " + flow);
            }
            Layers.convParameters(specs, conv.name(), conv.in(), conv.out(), conv.kernel(), conv.bias(),
                    Init.UNIFORM_FAN_IN);
            int h = (flow.height + 2 * conv.padding() - conv.kernel()) / conv.stride() + 1;
            int w = (flow.width + 2 * conv.padding() - conv.kernel()) / conv.stride() + 1;
            return Flow.maps(conv.out(), requireSize(h, flow, where), requireSize(w, flow, where));
        }
        if (layer instanceof SequentialLayer.Linear linear) {
            long in = flow.size();
            if (linear.in() != in) {
                throw new IllegalArgumentException(where + " takes " + linear.in() + " features, the layers before it"
                        + " give " + flow + (flow.flat ? "" : " = " + in) + "; check the input size, the paddings"
                        + " and the pooling layers");
            }
            Layers.linearParameters(specs, linear.name(), linear.in(), linear.out(), linear.bias(), Init.UNIFORM_FAN_IN);
            return Flow.features(linear.out());
        }
        if (layer instanceof SequentialLayer.BatchNorm norm) {
            if (norm.spatial() == flow.flat) {
                throw new IllegalArgumentException(where + " needs " + (norm.spatial() ? "maps" : "features")
                        + ", the layers before it give " + flow + "; use BatchNorm" + (flow.flat ? "1d" : "2d"));
            }
            if (norm.features() != flow.channels) {
                throw new IllegalArgumentException(where + " normalises " + norm.features() + " channels, the layers"
                        + " before it give " + flow);
            }
            Layers.batchNormParameters(specs, norm.name(), norm.features());
            return flow;
        }
        if (layer instanceof SequentialLayer.Pool pool) {
            requireMaps(flow, where);
            return Flow.maps(flow.channels, requireSize(pool.outputSize(flow.height), flow, where),
                    requireSize(pool.outputSize(flow.width), flow, where));
        }
        if (layer instanceof SequentialLayer.ZeroPad pad) {
            requireMaps(flow, where);
            return Flow.maps(flow.channels, flow.height + pad.top() + pad.bottom(), flow.width + pad.left() + pad.right());
        }
        if (layer instanceof SequentialLayer.GlobalAveragePool) {
            requireMaps(flow, where);
            return Flow.maps(flow.channels, 1, 1);
        }
        if (layer instanceof SequentialLayer.Flatten) {
            return Flow.features(flow.size());
        }
        if (layer instanceof SequentialLayer.Output) {
            if (!flow.flat) {
                throw new IllegalArgumentException(where + " needs class scores, the layers before it give " + flow);
            }
        }
        return flow;
    }

    private static void requireMaps(Flow flow, String where) {
        if (flow.flat) {
            throw new IllegalArgumentException(where + " needs maps, the layers before it give " + flow);
        }
    }

    private static int requireSize(int size, Flow flow, String where) {
        if (size < 1) {
            throw new IllegalArgumentException(where + " leaves no pixels of its " + flow + " input; the input is"
                    + " too small for the layer list");
        }
        return size;
    }

    @Override
    public ArchitectureSpec spec() {
        return ArchitectureSpec.of(ID, Map.of("layers", SequentialLayers.text(layers)));
    }

    @Override
    public NDArray forward(ParameterSource p, NDArray x, boolean training) {
        return run(p, x, 0, layers.size(), training);
    }

    /** Layers {@code [from, to)} applied to {@code x}. */
    NDArray run(ParameterSource p, NDArray x, int from, int to, boolean training) {
        for (int i = from; i < to; i++) {
            x = apply(p, layers.get(i), x, training);
        }
        return x;
    }

    private static NDArray apply(ParameterSource p, SequentialLayer layer, NDArray x, boolean training) {
        if (layer instanceof SequentialLayer.Conv2d conv) {
            return Layers.conv(p, conv.name(), x, conv.stride(), conv.padding(), conv.bias());
        }
        if (layer instanceof SequentialLayer.Linear linear) {
            NDArray in = x.getShape().dimension() > 2 ? x.reshape(x.getShape().get(0), -1) : x;
            return Layers.linear(p, linear.name(), in, linear.bias());
        }
        if (layer instanceof SequentialLayer.BatchNorm norm) {
            return Layers.batchNorm(p, norm.name(), x, training, norm.eps());
        }
        if (layer instanceof SequentialLayer.Activation activation) {
            return switch (activation.kind()) {
                case RELU -> Activation.relu(x);
                case TANH -> Activation.tanh(x);
                case SIGMOID -> Activation.sigmoid(x);
                case GELU -> Activation.gelu(x);
                case LEAKY_RELU -> Activation.leakyRelu(x, (float) activation.slope());
            };
        }
        if (layer instanceof SequentialLayer.Pool pool) {
            Shape kernel = new Shape(pool.kernel(), pool.kernel());
            Shape stride = new Shape(pool.stride(), pool.stride());
            Shape padding = new Shape(pool.padding(), pool.padding());
            return pool.max() ? Pool.maxPool2d(x, kernel, stride, padding, pool.ceil())
                    : Pool.avgPool2d(x, kernel, stride, padding, pool.ceil(), true);
        }
        if (layer instanceof SequentialLayer.ZeroPad pad) {
            return x.pad(new Shape(pad.left(), pad.right(), pad.top(), pad.bottom()), 0);
        }
        if (layer instanceof SequentialLayer.GlobalAveragePool) {
            Shape shape = x.getShape();
            return Pool.globalAvgPool2d(x).reshape(shape.get(0), shape.get(1), 1, 1);
        }
        if (layer instanceof SequentialLayer.Flatten) {
            return x.reshape(x.getShape().get(0), -1);
        }
        if (layer instanceof SequentialLayer.Dropout dropout) {
            return training && dropout.p() > 0 ? Dropout.dropout(x, (float) dropout.p(), true).singletonOrThrow() : x;
        }
        if (layer instanceof SequentialLayer.Output) {
            return x.logSoftmax(1);
        }
        throw new IllegalStateException("unreachable: " + layer);
    }

    /**
     * A sequential network with a convolution: saliency reads the maps after its last convolution
     * and the batch norm and activation that directly follow it.
     */
    static final class WithFeatureMaps extends SequentialNetwork implements FeatureMapNetwork {
        private final int cut;
        private final SequentialLayer.Conv2d last;

        WithFeatureMaps(ImageShape input, int classes, List<SequentialLayer> layers) {
            super(input, classes, layers);
            int lastConv = -1;
            for (int i = 0; i < layers.size(); i++) {
                if (layers.get(i) instanceof SequentialLayer.Conv2d) {
                    lastConv = i;
                }
            }
            int end = lastConv + 1;
            while (end < layers.size() && (layers.get(end) instanceof SequentialLayer.BatchNorm
                    || layers.get(end) instanceof SequentialLayer.Activation)) {
                end++;
            }
            this.cut = end;
            this.last = (SequentialLayer.Conv2d) layers.get(lastConv);
        }

        @Override
        public FeatureLayer featureLayer() {
            return new FeatureLayer(last.name(), last.name() + ".weight", last.out());
        }

        @Override
        public NDArray features(ParameterSource p, NDArray x) {
            return run(p, x, 0, cut, false);
        }

        @Override
        public NDArray head(ParameterSource p, NDArray x) {
            return run(p, x, cut, layers().size(), false);
        }
    }
}
