package dev.wfnet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import dev.wfnet.data.ImageShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CIFAR-style residual networks of BasicBlocks, with torchvision's parameter names. The stem
 * is one 3x3 convolution with stride 1 and no max-pool (small images), every stage after the
 * first halves the resolution in its first block, and a block whose shape changes adds a
 * projection shortcut (a 1x1 convolution and batch norm, "option B") named {@code downsample}.
 * Global average pooling makes any input size work (1x28x28 as well as 3x32x32).
 *
 * <ul>
 *   <li>{@code resnet20}: three stages of width w/2w/4w (w = argument {@code width}, default 16)
 *       with n blocks each, where argument {@code depth} = 6n+2 (default 20; 32, 56, 110, ...).</li>
 *   <li>{@code resnet18}: four stages of width w/2w/4w/8w (w default 64), [2, 2, 2, 2] blocks.</li>
 * </ul>
 */
public final class CifarResNet extends FunctionalNetwork implements FeatureMapNetwork {
    public static final String RESNET20 = "resnet20";
    public static final String RESNET18 = "resnet18";
    private final ArchitectureSpec spec;
    private final int[] widths;
    private final int[] blocks;

    private CifarResNet(ArchitectureSpec spec, ImageShape input, int classes, int[] widths, int[] blocks) {
        super(input, classes, parameterList(input, classes, widths, blocks));
        this.spec = spec;
        this.widths = widths.clone();
        this.blocks = blocks.clone();
    }

    private static List<ParameterSpec> parameterList(ImageShape input, int classes, int[] widths, int[] blocks) {
        List<ParameterSpec> specs = new ArrayList<>();
        Layers.convParameters(specs, "conv1", input.channels(), widths[0], 3, false, Init.KAIMING_NORMAL_FAN_OUT);
        Layers.batchNormParameters(specs, "bn1", widths[0]);
        int in = widths[0];
        for (int stage = 0; stage < widths.length; stage++) {
            for (int block = 0; block < blocks[stage]; block++) {
                String prefix = blockName(stage, block);
                int out = widths[stage];
                Layers.convParameters(specs, prefix + ".conv1", in, out, 3, false, Init.KAIMING_NORMAL_FAN_OUT);
                Layers.batchNormParameters(specs, prefix + ".bn1", out);
                Layers.convParameters(specs, prefix + ".conv2", out, out, 3, false, Init.KAIMING_NORMAL_FAN_OUT);
                Layers.batchNormParameters(specs, prefix + ".bn2", out);
                if (stride(stage, block) != 1 || in != out) {
                    Layers.convParameters(specs, prefix + ".downsample.0", in, out, 1, false,
                            Init.KAIMING_NORMAL_FAN_OUT);
                    Layers.batchNormParameters(specs, prefix + ".downsample.1", out);
                }
                in = out;
            }
        }
        Layers.linearParameters(specs, "fc", in, classes, Init.UNIFORM_FAN_IN);
        return specs;
    }

    /** ResNet-{@code depth} for CIFAR (He et al. 2016, section 4.2), stages of width w, 2w, 4w. */
    public static CifarResNet resnet20(ImageShape input, int classes, int depth, int width) {
        if (depth < 8 || (depth - 2) % 6 != 0) {
            throw new IllegalArgumentException(RESNET20 + " needs depth = 6n+2 with n >= 1 (8, 14, 20, 32, 44, 56, 110), got "
                    + depth);
        }
        requirePositiveWidth(width);
        int n = (depth - 2) / 6;
        return new CifarResNet(ArchitectureSpec.of(RESNET20, Map.of("depth", Integer.toString(depth),
                "width", Integer.toString(width))), input, classes,
                new int[] {width, 2 * width, 4 * width}, new int[] {n, n, n});
    }

    /** ResNet-18 with a CIFAR stem, stages of width w, 2w, 4w, 8w. */
    public static CifarResNet resnet18(ImageShape input, int classes, int width) {
        requirePositiveWidth(width);
        return new CifarResNet(ArchitectureSpec.of(RESNET18, Map.of("width", Integer.toString(width))), input, classes,
                new int[] {width, 2 * width, 4 * width, 8 * width}, new int[] {2, 2, 2, 2});
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
     * that block's conv2 output channel k: the layer Grad-CAM reads in a ResNet.
     */
    @Override
    public FeatureLayer featureLayer() {
        int last = widths.length - 1;
        return new FeatureLayer(blockName(last, blocks[last] - 1), blockName(last, blocks[last] - 1) + ".conv2.weight",
                widths[last]);
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
        x = Activation.relu(Layers.batchNorm(p, "bn1", Layers.conv(p, "conv1", x, 1, 1, false), training));
        int in = widths[0];
        for (int stage = 0; stage < widths.length; stage++) {
            for (int block = 0; block < blocks[stage]; block++) {
                x = basicBlock(p, blockName(stage, block), x, stride(stage, block), in != widths[stage], training);
                in = widths[stage];
            }
        }
        return x;
    }

    private static NDArray basicBlock(ParameterSource p, String prefix, NDArray x, int stride, boolean widens,
                                      boolean training) {
        NDArray out = Activation.relu(Layers.batchNorm(p, prefix + ".bn1",
                Layers.conv(p, prefix + ".conv1", x, stride, 1, false), training));
        out = Layers.batchNorm(p, prefix + ".bn2", Layers.conv(p, prefix + ".conv2", out, 1, 1, false), training);
        NDArray shortcut = stride != 1 || widens
                ? Layers.batchNorm(p, prefix + ".downsample.1",
                        Layers.conv(p, prefix + ".downsample.0", x, stride, 0, false), training)
                : x;
        return Activation.relu(out.add(shortcut));
    }
}
