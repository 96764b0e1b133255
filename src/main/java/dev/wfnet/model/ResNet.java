package dev.wfnet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import dev.wfnet.data.ImageShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The residual networks of the catalogue, with torchvision's parameter names. Every stage after
 * the first halves the resolution in its first block; global average pooling makes any input size
 * work (1x28x28 as well as 3x32x32 or 3x224x224).
 *
 * <ul>
 *   <li>{@code resnet20}: three stages of width w/2w/4w (w = argument {@code width}, default 16)
 *       of n BasicBlocks each, where argument {@code depth} = 6n+2 (default 20; 32, 56, 110, ...).</li>
 *   <li>{@code resnet18}, {@code resnet34}: four stages of width w/2w/4w/8w (w default 64) of
 *       [2, 2, 2, 2] and [3, 4, 6, 3] BasicBlocks.</li>
 *   <li>{@code resnet50}: four stages of [3, 4, 6, 3] Bottleneck blocks (1x1, 3x3 with the
 *       stride, 1x1 to four times the width, as torchvision), so 8w*4 features reach {@code fc}.</li>
 * </ul>
 *
 * <p>Argument {@code stem}: {@code cifar} (default; one 3x3 convolution with stride 1, no
 * max-pool, for small images) or {@code imagenet} (torchvision's 7x7 stride-2 convolution and 3x3
 * stride-2 max-pool). Argument {@code shortcut}: {@code B} (default; a block whose shape changes
 * adds a projection, a 1x1 convolution and batch norm named {@code downsample}) or {@code A}
 * (He et al.'s parameter-free option: the input subsampled and zero-padded with channels, as in
 * the widely used CIFAR ResNet-20 of akamaster/pytorch_resnet_cifar10).
 */
public final class ResNet extends FunctionalNetwork implements FeatureMapNetwork {
    public static final String RESNET20 = "resnet20";
    public static final String RESNET18 = "resnet18";
    public static final String RESNET34 = "resnet34";
    public static final String RESNET50 = "resnet50";
    private static final int BOTTLENECK_EXPANSION = 4;
    private static final Shape STEM_POOL = new Shape(3, 3);
    private static final Shape STEM_POOL_STRIDE = new Shape(2, 2);
    private static final Shape STEM_POOL_PADDING = new Shape(1, 1);

    /** The first layers. */
    public enum Stem {
        CIFAR, IMAGENET;

        static Stem of(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("stem must be cifar or imagenet, got " + text, e);
            }
        }
    }

    /** How a block whose shape changes carries its input to its output. */
    public enum Shortcut {
        /** A 1x1 convolution and batch norm ({@code downsample.0}, {@code downsample.1}). */
        B,
        /** Subsampling and zero channels, no parameters. */
        A;

        static Shortcut of(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("shortcut must be A or B, got " + text, e);
            }
        }
    }

    /** Shape of one network: block type, stage widths and block counts, stem and shortcut. */
    private record Layout(String id, boolean bottleneck, int[] widths, int[] blocks, Stem stem, Shortcut shortcut) {
        int expansion() {
            return bottleneck ? BOTTLENECK_EXPANSION : 1;
        }

        int outputs(int stage) {
            return widths[stage] * expansion();
        }
    }

    private final ArchitectureSpec spec;
    private final Layout layout;

    private ResNet(ArchitectureSpec spec, ImageShape input, int classes, Layout layout) {
        super(input, classes, parameterList(input, classes, layout));
        this.spec = spec;
        this.layout = layout;
    }

    private static List<ParameterSpec> parameterList(ImageShape input, int classes, Layout layout) {
        if (layout.shortcut == Shortcut.A && layout.bottleneck) {
            throw new IllegalArgumentException("shortcut A is for BasicBlock networks, not " + layout.id);
        }
        List<ParameterSpec> specs = new ArrayList<>();
        int stemKernel = layout.stem == Stem.IMAGENET ? 7 : 3;
        Layers.convParameters(specs, "conv1", input.channels(), layout.widths[0], stemKernel, false,
                Init.KAIMING_NORMAL_FAN_OUT);
        Layers.batchNormParameters(specs, "bn1", layout.widths[0]);
        int in = layout.widths[0];
        for (int stage = 0; stage < layout.widths.length; stage++) {
            for (int block = 0; block < layout.blocks[stage]; block++) {
                String prefix = blockName(stage, block);
                int width = layout.widths[stage];
                int out = layout.outputs(stage);
                if (layout.bottleneck) {
                    Layers.convParameters(specs, prefix + ".conv1", in, width, 1, false, Init.KAIMING_NORMAL_FAN_OUT);
                    Layers.batchNormParameters(specs, prefix + ".bn1", width);
                    Layers.convParameters(specs, prefix + ".conv2", width, width, 3, false, Init.KAIMING_NORMAL_FAN_OUT);
                    Layers.batchNormParameters(specs, prefix + ".bn2", width);
                    Layers.convParameters(specs, prefix + ".conv3", width, out, 1, false, Init.KAIMING_NORMAL_FAN_OUT);
                    Layers.batchNormParameters(specs, prefix + ".bn3", out);
                } else {
                    Layers.convParameters(specs, prefix + ".conv1", in, out, 3, false, Init.KAIMING_NORMAL_FAN_OUT);
                    Layers.batchNormParameters(specs, prefix + ".bn1", out);
                    Layers.convParameters(specs, prefix + ".conv2", out, out, 3, false, Init.KAIMING_NORMAL_FAN_OUT);
                    Layers.batchNormParameters(specs, prefix + ".bn2", out);
                }
                if (changesShape(stage, block, in, out)) {
                    if (layout.shortcut == Shortcut.B) {
                        Layers.convParameters(specs, prefix + ".downsample.0", in, out, 1, false,
                                Init.KAIMING_NORMAL_FAN_OUT);
                        Layers.batchNormParameters(specs, prefix + ".downsample.1", out);
                    } else if ((out - in) % 2 != 0 || out < in) {
                        throw new IllegalArgumentException("shortcut A pads channels evenly on both sides; " + in
                                + " to " + out + " channels cannot be padded so");
                    }
                }
                in = out;
            }
        }
        Layers.linearParameters(specs, "fc", in, classes, Init.UNIFORM_FAN_IN);
        return specs;
    }

    /**
     * Builds one of the catalogue's ResNets from its arguments.
     *
     * @param id {@link #RESNET20}, {@link #RESNET18}, {@link #RESNET34} or {@link #RESNET50}
     */
    static ResNet create(String id, ArchitectureCatalog.Arguments args, ImageShape input, int classes) {
        int width = args.integer("width", id.equals(RESNET20) ? 16 : 64);
        requirePositiveWidth(width);
        Stem stem = Stem.of(args.text("stem", "cifar"));
        Shortcut shortcut = Shortcut.of(args.text("shortcut", "B"));
        Map<String, String> arguments = new TreeMap<>();
        arguments.put("width", Integer.toString(width));
        Layout layout;
        switch (id) {
            case RESNET20 -> {
                int depth = args.integer("depth", 20);
                if (depth < 8 || (depth - 2) % 6 != 0) {
                    throw new IllegalArgumentException(RESNET20 + " needs depth = 6n+2 with n >= 1 (8, 14, 20, 32, 44,"
                            + " 56, 110), got " + depth);
                }
                int n = (depth - 2) / 6;
                arguments.put("depth", Integer.toString(depth));
                layout = new Layout(id, false, new int[] {width, 2 * width, 4 * width}, new int[] {n, n, n}, stem,
                        shortcut);
            }
            case RESNET18 -> layout = new Layout(id, false, fourStages(width), new int[] {2, 2, 2, 2}, stem, shortcut);
            case RESNET34 -> layout = new Layout(id, false, fourStages(width), new int[] {3, 4, 6, 3}, stem, shortcut);
            case RESNET50 -> layout = new Layout(id, true, fourStages(width), new int[] {3, 4, 6, 3}, stem, shortcut);
            default -> throw new IllegalArgumentException("not a ResNet: " + id);
        }
        // defaults stay out of the spec, so files written before these arguments existed keep their spec
        if (stem != Stem.CIFAR) {
            arguments.put("stem", stem.name().toLowerCase(Locale.ROOT));
        }
        if (shortcut != Shortcut.B) {
            arguments.put("shortcut", shortcut.name());
        }
        return new ResNet(ArchitectureSpec.of(id, arguments), input, classes, layout);
    }

    /** ResNet-{@code depth} for CIFAR (He et al. 2016, section 4.2), stages of width w, 2w, 4w. */
    public static ResNet resnet20(ImageShape input, int classes, int depth, int width) {
        return create(RESNET20, ArchitectureCatalog.Arguments.of(Map.of("depth", Integer.toString(depth),
                "width", Integer.toString(width))), input, classes);
    }

    /** ResNet-18 with a CIFAR stem, stages of width w, 2w, 4w, 8w. */
    public static ResNet resnet18(ImageShape input, int classes, int width) {
        return create(RESNET18, ArchitectureCatalog.Arguments.of(Map.of("width", Integer.toString(width))), input,
                classes);
    }

    private static int[] fourStages(int width) {
        return new int[] {width, 2 * width, 4 * width, 8 * width};
    }

    private static void requirePositiveWidth(int width) {
        if (width <= 0) {
            throw new IllegalArgumentException("width must be positive, got " + width);
        }
    }

    private static String blockName(int stage, int block) {
        return "layer" + (stage + 1) + "." + block;
    }

    private static int stride(int stage, int block) {
        return stage > 0 && block == 0 ? 2 : 1;
    }

    private static boolean changesShape(int stage, int block, int in, int out) {
        return stride(stage, block) != 1 || in != out;
    }

    @Override
    public ArchitectureSpec spec() {
        return spec;
    }

    @Override
    public NDArray forward(ParameterSource p, NDArray x, boolean training) {
        return head(p, trunk(p, x, training));
    }

    /**
     * The last block's output (after the shortcut sum and its ReLU), whose channel k is driven by
     * that block's last convolution's output channel k: the layer Grad-CAM reads in a ResNet.
     */
    @Override
    public FeatureLayer featureLayer() {
        int last = layout.widths.length - 1;
        String block = blockName(last, layout.blocks[last] - 1);
        return new FeatureLayer(block, block + (layout.bottleneck ? ".conv3" : ".conv2") + ".weight",
                layout.outputs(last));
    }

    @Override
    public NDArray features(ParameterSource p, NDArray x) {
        return trunk(p, x, false);
    }

    @Override
    public NDArray head(ParameterSource p, NDArray x) {
        x = Pool.globalAvgPool2d(x).reshape(x.getShape().get(0), -1);
        return Layers.linear(p, "fc", x);
    }

    private NDArray trunk(ParameterSource p, NDArray x, boolean training) {
        if (layout.stem == Stem.IMAGENET) {
            x = Activation.relu(Layers.batchNorm(p, "bn1", Layers.conv(p, "conv1", x, 2, 3, false), training));
            x = Pool.maxPool2d(x, STEM_POOL, STEM_POOL_STRIDE, STEM_POOL_PADDING, false);
        } else {
            x = Activation.relu(Layers.batchNorm(p, "bn1", Layers.conv(p, "conv1", x, 1, 1, false), training));
        }
        int in = layout.widths[0];
        for (int stage = 0; stage < layout.widths.length; stage++) {
            for (int block = 0; block < layout.blocks[stage]; block++) {
                String prefix = blockName(stage, block);
                int stride = stride(stage, block);
                int out = layout.outputs(stage);
                NDArray residual = layout.bottleneck ? bottleneck(p, prefix, x, stride, training)
                        : basicBlock(p, prefix, x, stride, training);
                NDArray shortcut = !changesShape(stage, block, in, out) ? x
                        : layout.shortcut == Shortcut.B
                                ? Layers.batchNorm(p, prefix + ".downsample.1",
                                        Layers.conv(p, prefix + ".downsample.0", x, stride, 0, false), training)
                                : padChannels(x, stride, (out - in) / 2);
                x = Activation.relu(residual.add(shortcut));
                in = out;
            }
        }
        return x;
    }

    private static NDArray basicBlock(ParameterSource p, String prefix, NDArray x, int stride, boolean training) {
        NDArray out = Activation.relu(Layers.batchNorm(p, prefix + ".bn1",
                Layers.conv(p, prefix + ".conv1", x, stride, 1, false), training));
        return Layers.batchNorm(p, prefix + ".bn2", Layers.conv(p, prefix + ".conv2", out, 1, 1, false), training);
    }

    private static NDArray bottleneck(ParameterSource p, String prefix, NDArray x, int stride, boolean training) {
        NDArray out = Activation.relu(Layers.batchNorm(p, prefix + ".bn1",
                Layers.conv(p, prefix + ".conv1", x, 1, 0, false), training));
        out = Activation.relu(Layers.batchNorm(p, prefix + ".bn2",
                Layers.conv(p, prefix + ".conv2", out, stride, 1, false), training));
        return Layers.batchNorm(p, prefix + ".bn3", Layers.conv(p, prefix + ".conv3", out, 1, 0, false), training);
    }

    /** Option A: {@code F.pad(x[:, :, ::s, ::s], (0, 0, 0, 0, pad, pad))}. */
    private static NDArray padChannels(NDArray x, int stride, int pad) {
        NDArray sub = stride == 1 ? x : x.get(new NDIndex(":, :, ::" + stride + ", ::" + stride));
        if (pad == 0) {
            return sub;
        }
        Shape shape = sub.getShape();
        NDArray zeros = sub.getManager().zeros(new Shape(shape.get(0), pad, shape.get(2), shape.get(3)),
                sub.getDataType());
        return NDArrays.concat(new NDList(zeros, sub, zeros), 1);
    }
}
