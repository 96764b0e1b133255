package dev.wfnet.model;

import java.util.Random;

/** How a parameter is initialised before training; each follows the PyTorch library it names. */
public enum Init {
    /** {@code nn.Conv2d}/{@code nn.Linear} default: U(-1/sqrt(fan_in), 1/sqrt(fan_in)). */
    UNIFORM_FAN_IN,
    /** torchvision ResNet convolutions: N(0, 2/fan_out). */
    KAIMING_NORMAL_FAN_OUT,
    /** timm Vision Transformer: N(0, 0.02) truncated at two standard deviations. */
    TRUNCATED_NORMAL,
    ZEROS,
    ONES;

    /**
     * Values for a tensor of this shape. {@code fanInShape} is the shape of the layer's weight,
     * which a bias needs to know its fan-in.
     */
    public float[] sample(long[] shape, long[] weightShape, Random random) {
        float[] values = new float[Math.toIntExact(dev.wfnet.io.HostTensor.elementCount(shape))];
        long receptive = 1;
        for (int i = 2; i < weightShape.length; i++) {
            receptive *= weightShape[i];
        }
        long fanIn = weightShape.length > 1 ? weightShape[1] * receptive : weightShape[0];
        long fanOut = weightShape[0] * receptive;
        switch (this) {
            case UNIFORM_FAN_IN -> {
                double bound = 1 / Math.sqrt(fanIn);
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
                }
            }
            case KAIMING_NORMAL_FAN_OUT -> {
                double std = Math.sqrt(2.0 / fanOut);
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (random.nextGaussian() * std);
                }
            }
            case TRUNCATED_NORMAL -> {
                for (int i = 0; i < values.length; i++) {
                    double value;
                    do {
                        value = random.nextGaussian();
                    } while (Math.abs(value) > 2);
                    values[i] = (float) (value * 0.02);
                }
            }
            case ONES -> java.util.Arrays.fill(values, 1f);
            case ZEROS -> { }
            default -> throw new IllegalStateException("unreachable");
        }
        return values;
    }
}
