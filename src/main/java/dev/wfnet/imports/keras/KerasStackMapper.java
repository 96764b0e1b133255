package dev.wfnet.imports.keras;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageShape;
import dev.wfnet.data.Normalization;
import dev.wfnet.io.HostTensor;
import dev.wfnet.model.ArchitectureSpec;
import dev.wfnet.model.SequentialLayer;
import dev.wfnet.model.SequentialLayers;
import dev.wfnet.model.SequentialNetwork;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps a Keras layer chain onto the catalogue's {@code sequential} architecture, exactly or not
 * at all (docs/formats.md, "Keras"): kernels from HWIO to OIHW, dense kernels transposed, the
 * first dense layer after a Flatten of maps permuted from Keras's height-width-channel order to
 * the channel-height-width order of channels-first maps, batch norm with Keras's epsilon,
 * {@code padding='same'} as TensorFlow computes it (an uneven zero padding where stride 2 needs
 * one), and {@code Rescaling} / {@code Normalization} at the input folded into the model's input
 * normalisation. A layer or setting that cannot be reproduced exactly is refused, naming it.
 *
 * <p>This package knows Keras and nothing of the import pipeline; {@code dev.wfnet.imports.KerasSources}
 * turns a mapped model into what the pipeline reads from any source that states its architecture.
 */
public final class KerasStackMapper {
    /** Keras's backend epsilon, the floor of a Normalization layer's standard deviation. */
    static final double KERAS_EPSILON = 1e-7;
    /** The layer classes read, for messages. */
    static final List<String> KNOWN = List.of("InputLayer", "Conv2D", "Dense", "BatchNormalization", "Activation",
            "ReLU", "LeakyReLU", "Softmax", "MaxPooling2D", "AveragePooling2D", "GlobalAveragePooling2D",
            "ZeroPadding2D", "Flatten", "Dropout", "SpatialDropout2D", "Rescaling", "Normalization", "Reshape");
    private static final Set<String> RESERVED = Set.of("module", "_orig_mod", "model", "net", "network", "backbone",
            "encoder", "base_model");

    /**
     * The mapped model: a {@code sequential} layer list with its tensors, and what the model does
     * to its inputs before the first layer, as a normalisation {@code (x - mean) / std} per
     * channel, which the import folds into the model's input normalisation.
     *
     * @param layers the layer list of the {@code sequential} architecture
     * @param tensors the network's tensors by name (PyTorch layout), in the layer list's order
     * @param input the network's input shape, channels first
     * @param classes the number of outputs
     * @param channelsLast whether the Keras model takes channels-last inputs (always, so far)
     * @param inputLayers the model's Rescaling and Normalization layers as one normalisation, or
     *                    null when it has none
     * @param rawPixels whether the model presumably takes 0..255 pixel values
     * @param steps what was read and converted, for the provenance
     * @param assumptions what was assumed about the inputs
     */
    public record Mapped(List<SequentialLayer> layers, Map<String, HostTensor> tensors, ImageShape input,
                         int classes, boolean channelsLast, Normalization inputLayers, boolean rawPixels,
                         List<String> steps, List<String> assumptions) {
        public Mapped {
            layers = List.copyOf(layers);
            tensors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            steps = List.copyOf(steps);
            assumptions = List.copyOf(assumptions);
        }

        /** The architecture: {@code sequential} with this layer list. */
        public ArchitectureSpec spec() {
            return ArchitectureSpec.of(SequentialNetwork.ID, Map.of("layers", SequentialLayers.text(layers)));
        }

        @Override
        public String toString() {
            return "Mapped[" + SequentialLayers.text(layers) + ", input " + input + "]";
        }
    }

    private KerasStackMapper() {
    }

    /** Refuses a layer class the mapper does not read, naming the layer. */
    static void requireKnown(String className, String layer) {
        if (!KNOWN.contains(className)) {
            throw new IllegalArgumentException("layer " + layer + " is not supported"
                    + (className.equals("Lambda") || className.equals("TFOpLambda")
                    ? " (it holds Python code, which is never run)" : "")
                    + "; the import reads " + String.join(", ", KNOWN));
        }
    }

    /** Maps a Keras chain, or refuses it naming the layer and the reason. */
    public static Mapped map(KerasModelSpec spec, String source) throws WfnetException {
        try {
            return new Walk(spec, source).run();
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException
                 | ClassCastException | IndexOutOfBoundsException e) {
            // a config of the wrong types (a string where a number belongs) ends here too
            String message = e.getMessage() == null ? "a config entry of the wrong type (" + e.getClass().getSimpleName()
                    + ")" : e.getMessage().lines().findFirst().orElse("");
            throw new WfnetException(source + ": " + message, e);
        }
    }

    /** One pass over the layers, keeping the shape that flows between them. */
    static final class Walk {
        private final KerasModelSpec spec;
        private final String source;
        private final List<SequentialLayer> layers = new ArrayList<>();
        private final Map<String, HostTensor> tensors = new LinkedHashMap<>();
        private final Set<String> names = new HashSet<>();
        private final List<String> steps = new ArrayList<>();
        private final List<String> assumptions = new ArrayList<>();
        /** The Keras shape (batch axis left out) before the first layer that computes. */
        private List<Long> entry;
        private ImageShape input;
        private boolean channelsLast;
        private double[] scale = {1};
        private double[] offset = {0};
        private Boolean rawPixels;
        /** The flow: maps (h, w, c) or features. */
        private boolean flat;
        private int height;
        private int width;
        private int channels;
        private long features;
        /** For flat features made from maps: the Keras position of each network position, or null if the same. */
        private int[] order;
        private int last;
        private String outputs = "logits (no final softmax)";

        Walk(KerasModelSpec spec, String source) {
            this.spec = spec;
            this.source = source;
        }

        Mapped run() throws WfnetException {
            List<KerasLayer> chain = spec.layers();
            if (spec.inputShape().isEmpty()) {
                throw new IllegalArgumentException("the model does not state its input shape");
            }
            entry = new ArrayList<>(spec.inputShape().subList(1, spec.inputShape().size()));
            last = chain.size() - 1;
            while (last >= 0 && isNoOp(chain.get(last))) {
                last--;
            }
            for (int i = 0; i < chain.size(); i++) {
                KerasLayer layer = chain.get(i);
                requireKnown(layer.className(), layer.describe());
                step(layer, i == last);
            }
            if (input == null) {
                fixInput(chain.isEmpty() ? "the model" : chain.get(chain.size() - 1).describe());
            }
            if (!flat) {
                throw new IllegalArgumentException("the model ends in " + flowText() + ", not in class scores;"
                        + " the import needs a Dense layer (or global pooling) at the end");
            }
            if (features < 2 || features > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the model ends in " + features + " outputs; a classifier has"
                        + " two or more");
            }
            steps.add("outputs: " + outputs);
            if (rawPixels == null) {
                rawPixels = false;
                assumptions.add("the model has no Rescaling or Normalization layer: inputs are taken as pixels / 255"
                        + " (give --raw-pixels if it was trained on 0..255 values, or --mean/--std)");
            }
            return new Mapped(layers, tensors, input, (int) features, channelsLast, inputLayers(), rawPixels, steps,
                    assumptions);
        }

        /** {@code x * scale + offset} as {@code (x - mean) / std}, which needs a positive scale. */
        private Normalization inputLayers() {
            int c = input.channels();
            double[] a = broadcast(scale, c, "scale");
            double[] b = broadcast(offset, c, "offset");
            boolean identity = true;
            double[] mean = new double[c];
            double[] std = new double[c];
            for (int ch = 0; ch < c; ch++) {
                if (!(a[ch] > 0) || !Double.isFinite(a[ch]) || !Double.isFinite(b[ch])) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "the model's input layers scale"
                            + " channel %d by %.4g (offset %.4g); only a positive finite factor can become the input"
                            + " normalisation", ch, a[ch], b[ch]));
                }
                std[ch] = 1 / a[ch];
                mean[ch] = -b[ch] / a[ch];
                identity &= a[ch] == 1 && b[ch] == 0;
            }
            return identity ? null : new Normalization(mean, std);
        }

        private static boolean isNoOp(KerasLayer layer) {
            return layer.className().equals("Dropout") || layer.className().equals("SpatialDropout2D")
                    || layer.className().equals("Activation") && "linear".equals(stringOr(layer.config(),
                    "activation", "linear"));
        }

        // ---- the layers --------------------------------------------------------------------------

        private void step(KerasLayer layer, boolean isLast) throws WfnetException {
            JsonObject config = layer.config();
            switch (layer.className()) {
                case "InputLayer" -> {
                    // its shape is the model's input shape
                }
                case "Rescaling" -> rescaling(layer);
                case "Normalization" -> normalization(layer);
                case "Reshape" -> reshape(layer);
                case "Dropout", "SpatialDropout2D" -> {
                    double rate = number(config, "rate", 0.5);
                    if (!(rate >= 0 && rate < 1)) {
                        throw new IllegalArgumentException("layer " + layer.describe() + ": rate " + rate
                                + " is not in [0, 1)");
                    }
                    if (input != null) {
                        layers.add(new SequentialLayer.Dropout(rate, layer.className().equals("SpatialDropout2D")
                                && !flat));
                    }
                }
                case "Conv2D" -> conv(layer, isLast);
                case "Dense" -> dense(layer, isLast);
                case "BatchNormalization" -> batchNorm(layer);
                case "Activation" -> {
                    fixInput(layer.describe());
                    activation(layer, stringOr(config, "activation", "linear"), isLast);
                }
                case "ReLU" -> relu(layer);
                case "LeakyReLU" -> {
                    fixInput(layer.describe());
                    double slope = config.has("negative_slope") ? number(config, "negative_slope", 0.3)
                            : number(config, "alpha", 0.3);
                    layers.add(new SequentialLayer.Activation(SequentialLayer.Activation.Kind.LEAKY_RELU, slope));
                }
                case "Softmax" -> {
                    fixInput(layer.describe());
                    int axis = integer(config, "axis", -1);
                    if (axis != -1 && axis != 1) {
                        throw new IllegalArgumentException("layer " + layer.describe() + ": softmax over axis " + axis
                                + "; only over the classes (the last axis) is supported");
                    }
                    softmax(layer, isLast);
                }
                case "MaxPooling2D", "AveragePooling2D" -> pool(layer);
                case "GlobalAveragePooling2D" -> {
                    fixInput(layer.describe());
                    requireMaps(layer);
                    channelsLastOnly(layer);
                    if (bool(config, "keepdims", false)) {
                        throw new IllegalArgumentException("layer " + layer.describe() + ": keepdims=True is not"
                                + " supported");
                    }
                    layers.add(new SequentialLayer.GlobalAveragePool());
                    layers.add(new SequentialLayer.Flatten());
                    toFeatures(channels, null);
                }
                case "ZeroPadding2D" -> zeroPadding(layer);
                case "Flatten" -> {
                    fixInput(layer.describe());
                    channelsLastOnly(layer);
                    if (!flat) {
                        flattenMaps("Flatten " + layer.describe());
                    }
                }
                default -> throw new IllegalStateException("unreachable: " + layer.className());
            }
        }

        /** The network's input is fixed at the first layer that computes; input layers before it fold away. */
        private void fixInput(String at) {
            if (input != null) {
                return;
            }
            for (Long size : entry) {
                if (size == null || size <= 0) {
                    throw new IllegalArgumentException("the model takes inputs of shape " + shapeText(entry)
                            + " at " + at + "; the import needs a fixed input size (save the model with"
                            + " input_shape=(28, 28, 1) or the like)");
                }
            }
            if (entry.size() == 3) {
                input = image(entry.get(2), entry.get(0), entry.get(1));
                mapsOf(input);
                channelsLast = true;
            } else if (entry.size() == 2) {
                input = image(1, entry.get(0), entry.get(1));
                mapsOf(input);
                channelsLast = true;
                steps.add("input " + shapeText(entry) + " has no channel axis: taken as one channel");
            } else if (entry.size() == 1) {
                long count = entry.get(0);
                long side = Math.round(Math.sqrt(count));
                long side3 = Math.round(Math.sqrt(count / 3.0));
                if (side * side == count) {
                    input = image(1, side, side);
                } else if (3 * side3 * side3 == count) {
                    input = image(3, side3, side3);
                    assumptions.add("the " + count + " inputs are a " + side3 + "x" + side3 + "x3 image flattened in"
                            + " height, width, channel order (numpy's reshape of a channels-last image)");
                } else {
                    throw new IllegalArgumentException("the model takes " + count + " features, which are not a"
                            + " square image of one or three channels");
                }
                mapsOf(input);
                channelsLast = true;
                flattenMaps("input of " + count + " features taken as " + input.height() + "x" + input.width() + "x"
                        + input.channels() + " images, flattened");
            } else {
                throw new IllegalArgumentException("the model takes inputs of shape " + shapeText(entry)
                        + "; the import reads images (height, width[, channels]) or flat features");
            }
        }

        private static ImageShape image(long c, long h, long w) {
            if (c > 4096 || h > 8192 || w > 8192) {
                throw new IllegalArgumentException("an input of " + h + "x" + w + "x" + c + " is too large");
            }
            return new ImageShape((int) c, (int) h, (int) w);
        }

        private void mapsOf(ImageShape shape) {
            flat = false;
            channels = shape.channels();
            height = shape.height();
            width = shape.width();
        }

        private void flattenMaps(String step) {
            int[] positions = null;
            if (channels > 1 && (long) height * width > 1) {
                long count = (long) channels * height * width;
                if (count > 1 << 27) {
                    throw new IllegalArgumentException(step + ": " + count + " features are too many");
                }
                positions = new int[(int) count];
                int plane = height * width;
                for (int ch = 0; ch < channels; ch++) {
                    for (int p = 0; p < plane; p++) {
                        positions[ch * plane + p] = p * channels + ch;
                    }
                }
            }
            layers.add(new SequentialLayer.Flatten());
            toFeatures((long) channels * height * width, positions);
            steps.add(step + (positions == null ? "" : " (Keras flattens height, width, channel; the next dense"
                    + " kernel is reordered to channel, height, width)"));
        }

        private void toFeatures(long count, int[] positions) {
            flat = true;
            features = count;
            order = positions;
        }

        private void rescaling(KerasLayer layer) {
            beforeTheFirstLayer(layer);
            double[] s = numbers(layer.config(), "scale", 1.0, layer);
            double[] o = numbers(layer.config(), "offset", 0.0, layer);
            compose(s, o, layer);
            steps.add("Rescaling " + layer.describe() + " (x * " + Arrays.toString(s) + " + " + Arrays.toString(o)
                    + ") folded into the input normalisation");
            if (rawPixels == null) {
                // a factor of about 1/255 (or 1/127.5) makes 0..255 pixels small; one near 1 expects them small already
                double largest = Arrays.stream(s).map(Math::abs).max().orElse(1);
                rawPixels = largest <= 0.02;
                assumptions.add("the model " + (rawPixels ? "rescales its inputs itself: it takes raw 0..255 pixels"
                        : "rescales by " + Arrays.toString(s) + ": its inputs are taken as pixels / 255")
                        + " (give --raw-pixels or --mean/--std if its training data was prepared otherwise)");
            }
        }

        private void normalization(KerasLayer layer) {
            beforeTheFirstLayer(layer);
            JsonObject config = layer.config();
            if (bool(config, "invert", false)) {
                throw new IllegalArgumentException("layer " + layer.describe() + ": invert=True is not supported");
            }
            JsonElement axis = config.get("axis");
            boolean lastAxis = axis == null || axis.isJsonNull()
                    || axis.isJsonPrimitive() && (axis.getAsInt() == -1 || axis.getAsInt() == entry.size())
                    || axis.isJsonArray() && axis.getAsJsonArray().size() == 1
                    && (axis.getAsJsonArray().get(0).getAsInt() == -1
                    || axis.getAsJsonArray().get(0).getAsInt() == entry.size());
            if (!lastAxis) {
                throw new IllegalArgumentException("layer " + layer.describe() + ": normalisation over axis " + axis
                        + " is not supported; only per channel (axis=-1)");
            }
            double[] mean;
            double[] variance;
            if (config.has("mean") && !config.get("mean").isJsonNull()) {
                mean = numbers(config, "mean", 0.0, layer);
                variance = numbers(config, "variance", 1.0, layer);
            } else {
                HostTensor m = required(layer, "mean");
                HostTensor v = required(layer, "variance");
                mean = toDouble(m.data());
                variance = toDouble(v.data());
            }
            if (mean.length != variance.length) {
                throw new IllegalArgumentException("layer " + layer.describe() + ": " + mean.length + " means and "
                        + variance.length + " variances");
            }
            double[] s = new double[mean.length];
            double[] o = new double[mean.length];
            for (int c = 0; c < mean.length; c++) {
                if (!(variance[c] >= 0) || !Double.isFinite(mean[c])) {
                    throw new IllegalArgumentException("layer " + layer.describe() + ": variance " + variance[c]
                            + ", mean " + mean[c] + " of channel " + c);
                }
                double std = Math.max(Math.sqrt(variance[c]), KERAS_EPSILON);
                s[c] = 1 / std;
                o[c] = -mean[c] / std;
            }
            compose(s, o, layer);
            steps.add("Normalization " + layer.describe() + " (mean " + text(mean) + ", variance " + text(variance)
                    + ") folded into the input normalisation");
            if (rawPixels == null) {
                rawPixels = Arrays.stream(mean).anyMatch(m -> m > 1.5);
                assumptions.add("the Normalization layer's mean " + text(mean) + " says the model takes "
                        + (rawPixels ? "raw 0..255 pixels" : "pixels / 255") + " (give --raw-pixels or --mean/--std"
                        + " if its training data was prepared otherwise)");
            }
        }

        /** {@code x * a + b}, then this layer's {@code * s + o}. */
        private void compose(double[] s, double[] o, KerasLayer layer) {
            int c = Math.max(Math.max(s.length, o.length), scale.length);
            double[] a = broadcast(scale, c, "scale of " + layer.describe());
            double[] b = broadcast(offset, c, "offset of " + layer.describe());
            double[] s2 = broadcast(s, c, "scale of " + layer.describe());
            double[] o2 = broadcast(o, c, "offset of " + layer.describe());
            long channelAxis = entry.size() == 3 ? entry.get(2) == null ? -1 : entry.get(2) : 1;
            if (c > 1 && c != channelAxis) {
                throw new IllegalArgumentException("layer " + layer.describe() + " has " + c + " values per position;"
                        + " only one per channel (" + channelAxis + ") can become the input normalisation");
            }
            for (int i = 0; i < c; i++) {
                a[i] = a[i] * s2[i];
                b[i] = b[i] * s2[i] + o2[i];
            }
            scale = a;
            offset = b;
        }

        private void beforeTheFirstLayer(KerasLayer layer) {
            if (input != null) {
                throw new IllegalArgumentException("layer " + layer.describe() + " comes after layers that compute;"
                        + " it can only be folded into the input normalisation at the start of the model");
            }
        }

        private void reshape(KerasLayer layer) {
            beforeTheFirstLayer(layer);
            JsonArray target = array(layer.config(), "target_shape", layer);
            List<Long> shape = new ArrayList<>();
            long count = 1;
            for (JsonElement size : target) {
                shape.add(size.getAsLong());
                count *= size.getAsLong();
            }
            long current = 1;
            for (Long size : entry) {
                current *= size == null ? -1 : size;
            }
            boolean addsChannel = shape.size() == 3 && shape.get(2) == 1 && entry.size() == 2
                    && shape.get(0).equals(entry.get(0)) && shape.get(1).equals(entry.get(1));
            boolean unflattens = entry.size() == 1 && shape.size() >= 2 && shape.size() <= 3 && count == current
                    && shape.stream().allMatch(v -> v > 0);
            if (!addsChannel && !unflattens || scale.length > 1) {
                throw new IllegalArgumentException("layer " + layer.describe() + " reshapes " + shapeText(entry)
                        + " to " + shape + "; only reshaping the input into an image is supported");
            }
            entry = shape;
            steps.add("Reshape " + layer.describe() + " of the input to " + shape);
        }

        private void conv(KerasLayer layer, boolean isLast) throws WfnetException {
            fixInput(layer.describe());
            requireMaps(layer);
            channelsLastOnly(layer);
            JsonObject config = layer.config();
            int kernel = square(config, "kernel_size", -1, layer);
            int stride = square(config, "strides", 1, layer);
            if (square(config, "dilation_rate", 1, layer) != 1 || integer(config, "groups", 1) != 1) {
                throw new IllegalArgumentException("layer " + layer.describe() + ": dilation and groups other than 1"
                        + " are not supported");
            }
            boolean bias = bool(config, "use_bias", true);
            HostTensor k = required(layer, "kernel");
            int filters = integer(config, "filters", -1);
            expect(layer, "kernel", k, kernel, kernel, channels, filters);
            HostTensor b = bias ? required(layer, "bias") : null;
            if (b != null) {
                expect(layer, "bias", b, filters);
            }
            String padding = stringOr(config, "padding", "valid");
            int pad = 0;
            int outH;
            int outW;
            if (padding.equals("same")) {
                int[] ph = samePadding(height, kernel, stride);
                int[] pw = samePadding(width, kernel, stride);
                if (ph[0] == ph[1] && pw[0] == pw[1] && ph[0] == pw[0]) {
                    pad = ph[0];
                } else {
                    layers.add(new SequentialLayer.ZeroPad(pw[0], pw[1], ph[0], ph[1]));
                    steps.add("padding='same' of " + layer.describe() + " is uneven (top " + ph[0] + ", bottom " + ph[1]
                            + ", left " + pw[0] + ", right " + pw[1] + "), as TensorFlow pads: an explicit ZeroPad2d");
                    height += ph[0] + ph[1];
                    width += pw[0] + pw[1];
                }
            } else if (!padding.equals("valid")) {
                throw new IllegalArgumentException("layer " + layer.describe() + ": padding '" + padding
                        + "' is not supported (only 'valid' and 'same')");
            }
            outH = (height + 2 * pad - kernel) / stride + 1;
            outW = (width + 2 * pad - kernel) / stride + 1;
            if (outH < 1 || outW < 1) {
                throw new IllegalArgumentException("layer " + layer.describe() + " leaves no pixels of its "
                        + flowText() + " input");
            }
            String name = name(layer);
            layers.add(new SequentialLayer.Conv2d(name, channels, filters, kernel, stride, pad, bias));
            tensors.put(name + ".weight", hwioToOihw(k));
            if (b != null) {
                tensors.put(name + ".bias", b);
            }
            channels = filters;
            height = outH;
            width = outW;
            activation(layer, stringOr(config, "activation", "linear"), isLast);
        }

        private void dense(KerasLayer layer, boolean isLast) throws WfnetException {
            fixInput(layer.describe());
            if (!flat) {
                throw new IllegalArgumentException("layer " + layer.describe() + " is applied to " + flowText()
                        + " without a Flatten before it; the import reads dense layers on flat features only");
            }
            JsonObject config = layer.config();
            int units = integer(config, "units", -1);
            boolean bias = bool(config, "use_bias", true);
            HostTensor k = required(layer, "kernel");
            expect(layer, "kernel", k, features, units);
            HostTensor b = bias ? required(layer, "bias") : null;
            if (b != null) {
                expect(layer, "bias", b, units);
            }
            int in = (int) features;
            float[] kernel = k.data();
            float[] weight = new float[kernel.length];
            for (int o = 0; o < units; o++) {
                for (int t = 0; t < in; t++) {
                    int from = order == null ? t : order[t];
                    weight[o * in + t] = kernel[from * units + o];
                }
            }
            if (order != null) {
                steps.add("kernel of " + layer.describe() + " reordered from height, width, channel to channel,"
                        + " height, width inputs");
            }
            String name = name(layer);
            layers.add(new SequentialLayer.Linear(name, in, units, bias));
            tensors.put(name + ".weight", new HostTensor(new long[] {units, in}, weight));
            if (b != null) {
                tensors.put(name + ".bias", b);
            }
            toFeatures(units, null);
            activation(layer, stringOr(config, "activation", "linear"), isLast);
        }

        private void batchNorm(KerasLayer layer) throws WfnetException {
            fixInput(layer.describe());
            JsonObject config = layer.config();
            JsonElement axis = config.get("axis");
            int rank = flat ? 1 : 3;
            boolean lastAxis = axis == null || axis.isJsonNull()
                    || axis.isJsonPrimitive() && (axis.getAsInt() == -1 || axis.getAsInt() == rank)
                    || axis.isJsonArray() && axis.getAsJsonArray().size() == 1
                    && (axis.getAsJsonArray().get(0).getAsInt() == -1 || axis.getAsJsonArray().get(0).getAsInt() == rank);
            if (!lastAxis) {
                throw new IllegalArgumentException("layer " + layer.describe() + ": batch norm over axis " + axis
                        + " is not supported; only over channels (axis=-1)");
            }
            int count = flat ? (int) features : channels;
            double eps = number(config, "epsilon", 1e-3);
            if (!(eps > 0)) {
                throw new IllegalArgumentException("layer " + layer.describe() + ": epsilon " + eps);
            }
            HostTensor gamma = bool(config, "scale", true) ? required(layer, "gamma") : filled(count, 1f);
            HostTensor beta = bool(config, "center", true) ? required(layer, "beta") : filled(count, 0f);
            HostTensor mean = required(layer, "moving_mean");
            HostTensor variance = required(layer, "moving_variance");
            for (Map.Entry<String, HostTensor> e : Map.of("gamma", gamma, "beta", beta, "moving_mean", mean,
                    "moving_variance", variance).entrySet()) {
                expect(layer, e.getKey(), e.getValue(), count);
            }
            String name = name(layer);
            layers.add(new SequentialLayer.BatchNorm(name, count, eps, !flat));
            tensors.put(name + ".weight", reorder(gamma));
            tensors.put(name + ".bias", reorder(beta));
            tensors.put(name + ".running_mean", reorder(mean));
            tensors.put(name + ".running_var", reorder(variance));
            steps.add("BatchNormalization " + layer.describe() + " with Keras's epsilon " + eps);
        }

        /** A per-feature vector in the network's order of the flat features. */
        private HostTensor reorder(HostTensor values) {
            if (!flat || order == null) {
                return values;
            }
            float[] out = new float[values.size()];
            for (int t = 0; t < out.length; t++) {
                out[t] = values.data()[order[t]];
            }
            return new HostTensor(values.shape(), out);
        }

        private void relu(KerasLayer layer) {
            fixInput(layer.describe());
            JsonObject config = layer.config();
            JsonElement max = config.get("max_value");
            double slope = number(config, "negative_slope", 0);
            double threshold = number(config, "threshold", 0);
            if (max != null && !max.isJsonNull() || threshold != 0) {
                throw new IllegalArgumentException("layer " + layer.describe() + ": max_value and threshold are not"
                        + " supported (ReLU6 and thresholded ReLUs)");
            }
            layers.add(slope == 0 ? new SequentialLayer.Activation(SequentialLayer.Activation.Kind.RELU, 0)
                    : new SequentialLayer.Activation(SequentialLayer.Activation.Kind.LEAKY_RELU, slope));
        }

        private void activation(KerasLayer layer, String name, boolean isLast) {
            switch (name) {
                case "linear" -> {
                }
                case "relu" -> layers.add(new SequentialLayer.Activation(SequentialLayer.Activation.Kind.RELU, 0));
                case "tanh" -> layers.add(new SequentialLayer.Activation(SequentialLayer.Activation.Kind.TANH, 0));
                case "sigmoid" -> {
                    layers.add(new SequentialLayer.Activation(SequentialLayer.Activation.Kind.SIGMOID, 0));
                    if (isLast) {
                        outputs = "sigmoids (per-class scores, kept as the last layer)";
                    }
                }
                case "gelu" -> layers.add(new SequentialLayer.Activation(SequentialLayer.Activation.Kind.GELU, 0));
                case "leaky_relu" -> layers.add(new SequentialLayer.Activation(
                        SequentialLayer.Activation.Kind.LEAKY_RELU, 0.2));
                case "softmax" -> softmax(layer, isLast);
                default -> throw new IllegalArgumentException("layer " + layer.describe() + ": activation '" + name
                        + "' is not supported (relu, tanh, sigmoid, gelu, leaky_relu, linear, and softmax at the"
                        + " end)");
            }
        }

        private void softmax(KerasLayer layer, boolean isLast) {
            if (!isLast || !flat) {
                throw new IllegalArgumentException("layer " + layer.describe() + ": a softmax is supported only at"
                        + " the end of the model, over its class scores");
            }
            layers.add(new SequentialLayer.Output(false));
            outputs = "probabilities (the model ends in softmax); the imported model gives their logarithms"
                    + " (log-softmax): the same probabilities and ranking";
        }

        private void pool(KerasLayer layer) {
            fixInput(layer.describe());
            requireMaps(layer);
            channelsLastOnly(layer);
            JsonObject config = layer.config();
            boolean max = layer.className().equals("MaxPooling2D");
            int size = square(config, "pool_size", 2, layer);
            JsonElement strides = config.get("strides");
            int stride = strides == null || strides.isJsonNull() ? size : square(config, "strides", size, layer);
            String padding = stringOr(config, "padding", "valid");
            int pad = 0;
            boolean ceil = false;
            int outH;
            int outW;
            if (padding.equals("valid")) {
                outH = (height - size) / stride + 1;
                outW = (width - size) / stride + 1;
            } else if (padding.equals("same")) {
                int[] ph = samePadding(height, size, stride);
                int[] pw = samePadding(width, size, stride);
                outH = ceilDiv(height, stride);
                outW = ceilDiv(width, stride);
                // windows start where TensorFlow's do when PyTorch pads the top/left alike; what TensorFlow pads
                // on the bottom/right is what ceil_mode's last window leaves out: ignored by the maximum, and
                // left out of the average's count only when nothing is padded on the top/left
                pad = ph[0];
                if (pw[0] != pad || pad > size / 2 || !max && pad > 0) {
                    throw new IllegalArgumentException("layer " + layer.describe() + ": padding='same' pads "
                            + ph[0] + " on the top and " + pw[0] + " on the left of " + flowText() + ", which "
                            + (max ? "PyTorch's pooling cannot reproduce" : "an average that counts only real pixels"
                            + " cannot be reproduced with") + "; only 'valid', or 'same' where nothing is padded on the"
                            + " top and left" + (max ? " or the same on all sides" : ""));
                }
                boolean fits = floorSize(height, size, stride, pad) == outH && floorSize(width, size, stride, pad) == outW;
                ceil = !fits;
                if (ceil && (ceilSize(height, size, stride, pad) != outH || ceilSize(width, size, stride, pad) != outW)) {
                    throw new IllegalArgumentException("layer " + layer.describe() + ": padding='same' on "
                            + flowText() + " gives a size PyTorch's pooling does not");
                }
                if (ceil || pad > 0) {
                    steps.add("padding='same' of " + layer.describe() + " as " + (pad > 0 ? "padding " + pad : "")
                            + (ceil ? (pad > 0 ? " and " : "") + "ceil_mode (the bottom/right window is cut at the"
                            + " edge, as TensorFlow's)" : ""));
                }
            } else {
                throw new IllegalArgumentException("layer " + layer.describe() + ": padding '" + padding
                        + "' is not supported");
            }
            if (outH < 1 || outW < 1) {
                throw new IllegalArgumentException("layer " + layer.describe() + " leaves no pixels of its "
                        + flowText() + " input");
            }
            layers.add(new SequentialLayer.Pool(max, size, stride, pad, ceil));
            height = outH;
            width = outW;
        }

        private static int floorSize(int size, int kernel, int stride, int pad) {
            return Math.floorDiv(size + 2 * pad - kernel, stride) + 1;
        }

        private static int ceilSize(int size, int kernel, int stride, int pad) {
            int out = Math.floorDiv(size + 2 * pad - kernel + stride - 1, stride) + 1;
            return (out - 1) * stride >= size + pad ? out - 1 : out;
        }

        private void zeroPadding(KerasLayer layer) {
            fixInput(layer.describe());
            requireMaps(layer);
            channelsLastOnly(layer);
            JsonElement padding = layer.config().get("padding");
            int top;
            int bottom;
            int left;
            int right;
            if (padding == null || padding.isJsonNull()) {
                top = bottom = left = right = 1;
            } else if (padding.isJsonPrimitive()) {
                top = bottom = left = right = padding.getAsInt();
            } else {
                JsonArray pair = padding.getAsJsonArray();
                if (pair.size() != 2) {
                    throw new IllegalArgumentException("layer " + layer.describe() + ": padding " + padding);
                }
                int[] vertical = pairOf(pair.get(0));
                int[] horizontal = pairOf(pair.get(1));
                top = vertical[0];
                bottom = vertical[1];
                left = horizontal[0];
                right = horizontal[1];
            }
            if (Math.min(Math.min(top, bottom), Math.min(left, right)) < 0 || Math.max(Math.max(top, bottom),
                    Math.max(left, right)) > 4096) {
                throw new IllegalArgumentException("layer " + layer.describe() + ": padding " + padding);
            }
            layers.add(new SequentialLayer.ZeroPad(left, right, top, bottom));
            height += top + bottom;
            width += left + right;
        }

        private static int[] pairOf(JsonElement element) {
            if (element.isJsonPrimitive()) {
                return new int[] {element.getAsInt(), element.getAsInt()};
            }
            JsonArray pair = element.getAsJsonArray();
            return new int[] {pair.get(0).getAsInt(), pair.get(1).getAsInt()};
        }

        // ---- checks and conversions ----------------------------------------------------------------

        private void requireMaps(KerasLayer layer) {
            if (flat) {
                throw new IllegalArgumentException("layer " + layer.describe() + " needs maps, the layers before it"
                        + " give " + flowText());
            }
        }

        private static void channelsLastOnly(KerasLayer layer) {
            String format = stringOr(layer.config(), "data_format", "channels_last");
            if (!format.equals("channels_last")) {
                throw new IllegalArgumentException("layer " + layer.describe() + ": data_format '" + format
                        + "' is not supported (only channels_last, Keras's default)");
            }
        }

        private String flowText() {
            return flat ? features + " features" : height + "x" + width + "x" + channels + " maps";
        }

        private static HostTensor required(KerasLayer layer, String weight) {
            HostTensor tensor = layer.weight(weight);
            if (tensor == null) {
                throw new IllegalArgumentException("layer " + layer.describe() + " has no weight '" + weight
                        + "' (it has " + layer.weights().stream().map(KerasLayer.Weight::name).toList() + ")");
            }
            return tensor;
        }

        private static void expect(KerasLayer layer, String weight, HostTensor tensor, long... shape) {
            for (long size : shape) {
                if (size <= 0) {
                    throw new IllegalArgumentException("layer " + layer.describe() + ": its config does not give the"
                            + " size of its " + weight);
                }
            }
            if (!Arrays.equals(tensor.shape(), shape)) {
                throw new IllegalArgumentException("layer " + layer.describe() + ": " + weight + " has shape "
                        + tensor.shapeText() + ", its config and the layers before it need "
                        + HostTensor.shapeText(shape));
            }
        }

        private static HostTensor hwioToOihw(HostTensor kernel) {
            long[] s = kernel.shape();
            int kh = (int) s[0];
            int kw = (int) s[1];
            int in = (int) s[2];
            int out = (int) s[3];
            float[] from = kernel.data();
            float[] to = new float[from.length];
            for (int y = 0; y < kh; y++) {
                for (int x = 0; x < kw; x++) {
                    for (int i = 0; i < in; i++) {
                        for (int o = 0; o < out; o++) {
                            to[((o * in + i) * kh + y) * kw + x] = from[((y * kw + x) * in + i) * out + o];
                        }
                    }
                }
            }
            return new HostTensor(new long[] {out, in, kh, kw}, to);
        }

        private static HostTensor filled(int count, float value) {
            float[] data = new float[count];
            Arrays.fill(data, value);
            return new HostTensor(new long[] {count}, data);
        }

        /** TensorFlow's 'same' padding of one axis: {top, bottom}, the larger half at the end. */
        static int[] samePadding(int size, int kernel, int stride) {
            int out = ceilDiv(size, stride);
            int total = Math.max((out - 1) * stride + kernel - size, 0);
            return new int[] {total / 2, total - total / 2};
        }

        private static int ceilDiv(int a, int b) {
            return (a + b - 1) / b;
        }

        /** The layer's name made a unique tensor-name prefix. */
        private String name(KerasLayer layer) {
            String base = layer.name().replaceAll("[^A-Za-z0-9_]", "_");
            if (base.isEmpty() || RESERVED.contains(base)) {
                base = base + "_layer";
            }
            String name = base;
            for (int i = 1; !names.add(name); i++) {
                name = base + "_" + i;
            }
            return name;
        }

        private static double[] broadcast(double[] values, int count, String what) {
            if (values.length == count) {
                return values.clone();
            }
            if (values.length == 1) {
                double[] out = new double[count];
                Arrays.fill(out, values[0]);
                return out;
            }
            throw new IllegalArgumentException(what + " has " + values.length + " values for " + count + " channels");
        }

        private static double[] toDouble(float[] values) {
            double[] out = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = values[i];
            }
            return out;
        }

        private static String text(double[] values) {
            if (values.length > 8) {
                return values.length + " values";
            }
            return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.4g", v))
                    .reduce((a, b) -> a + "," + b).orElse("");
        }

        private static String shapeText(List<Long> shape) {
            return shape.toString().replace("null", "None");
        }
    }

    // ---- reading configs -------------------------------------------------------------------------------

    static String stringOr(JsonObject config, String key, String fallback) {
        JsonElement value = config.get(key);
        if (value == null || value.isJsonNull()) {
            return fallback;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException(key + " is " + value + "; only built-in names are supported");
        }
        return value.getAsString();
    }

    static double number(JsonObject config, String key, double fallback) {
        JsonElement value = config.get(key);
        if (value == null || value.isJsonNull()) {
            return fallback;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException(key + " is " + value + ", not a number");
        }
        return value.getAsDouble();
    }

    static int integer(JsonObject config, String key, int fallback) {
        double value = number(config, key, fallback);
        if (value != Math.rint(value) || Math.abs(value) > 1 << 24) {
            throw new IllegalArgumentException(key + " is " + value + ", not a size");
        }
        return (int) value;
    }

    static boolean bool(JsonObject config, String key, boolean fallback) {
        JsonElement value = config.get(key);
        if (value == null || value.isJsonNull()) {
            return fallback;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
            throw new IllegalArgumentException(key + " is " + value + ", not true or false");
        }
        return value.getAsBoolean();
    }

    /** A size given as one number or as a square pair ([3, 3]). */
    static int square(JsonObject config, String key, int fallback, KerasLayer layer) {
        JsonElement value = config.get(key);
        if (value == null || value.isJsonNull()) {
            if (fallback < 0) {
                throw new IllegalArgumentException("layer " + layer.describe() + " has no " + key);
            }
            return fallback;
        }
        List<Integer> sizes = new ArrayList<>();
        if (value.isJsonArray()) {
            for (JsonElement e : value.getAsJsonArray()) {
                JsonObject one = new JsonObject();
                one.add("v", e);
                sizes.add(integer(one, "v", -1));
            }
        } else {
            sizes.add(integer(config, key, -1));
        }
        if (sizes.isEmpty() || sizes.stream().anyMatch(s -> !s.equals(sizes.get(0)))) {
            throw new IllegalArgumentException("layer " + layer.describe() + ": " + key + " " + value + " is not square;"
                    + " only square kernels, strides and pools are supported");
        }
        if (sizes.get(0) < 1 || sizes.get(0) > 4096) {
            throw new IllegalArgumentException("layer " + layer.describe() + ": " + key + " " + value);
        }
        return sizes.get(0);
    }

    /** A number or a list of numbers (per channel). */
    static double[] numbers(JsonObject config, String key, double fallback, KerasLayer layer) {
        JsonElement value = config.get(key);
        if (value == null || value.isJsonNull()) {
            return new double[] {fallback};
        }
        List<Double> out = new ArrayList<>();
        collect(value, out, layer, key, 0);
        if (out.isEmpty() || out.size() > 4096) {
            throw new IllegalArgumentException("layer " + layer.describe() + ": " + key + " has " + out.size()
                    + " values");
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void collect(JsonElement value, List<Double> out, KerasLayer layer, String key, int depth) {
        if (depth > 4 || out.size() > 4096) {
            throw new IllegalArgumentException("layer " + layer.describe() + ": " + key + " is not a list of numbers");
        }
        if (value.isJsonArray()) {
            for (JsonElement e : value.getAsJsonArray()) {
                collect(e, out, layer, key, depth + 1);
            }
        } else if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
            out.add(value.getAsDouble());
        } else {
            throw new IllegalArgumentException("layer " + layer.describe() + ": " + key + " is " + value
                    + ", not a number");
        }
    }

    static JsonArray array(JsonObject config, String key, KerasLayer layer) {
        JsonElement value = config.get(key);
        if (value == null || !value.isJsonArray()) {
            throw new IllegalArgumentException("layer " + layer.describe() + " has no list " + key);
        }
        return value.getAsJsonArray();
    }
}
