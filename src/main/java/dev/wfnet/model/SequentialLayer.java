package dev.wfnet.model;

import java.util.Locale;

/**
 * One layer of a {@link SequentialNetwork}, as PyTorch's {@code torch.nn} names it. Layers with
 * parameters carry the name their tensors are stored under ({@code conv1} for
 * {@code conv1.weight}); {@link #text()} is the canonical form the architecture's {@code layers}
 * argument keeps, which {@link SequentialLayers#parse} reads back to the same layer.
 */
public sealed interface SequentialLayer {

    /** The canonical text, PyTorch style: {@code conv1:Conv2d(1,32,kernel_size=3,stride=1,padding=0,bias=True)}. */
    String text();

    /** A layer with tensors stored under {@code name.}. */
    sealed interface Parameterised extends SequentialLayer {
        String name();

        /** The same layer under another name. */
        Parameterised named(String newName);
    }

    record Conv2d(String name, int in, int out, int kernel, int stride, int padding, boolean bias)
            implements Parameterised {
        @Override
        public String text() {
            return name + ":Conv2d(" + in + "," + out + ",kernel_size=" + kernel + ",stride=" + stride + ",padding="
                    + padding + ",bias=" + python(bias) + ")";
        }

        @Override
        public Parameterised named(String newName) {
            return new Conv2d(newName, in, out, kernel, stride, padding, bias);
        }
    }

    record Linear(String name, int in, int out, boolean bias) implements Parameterised {
        @Override
        public String text() {
            return name + ":Linear(" + in + "," + out + ",bias=" + python(bias) + ")";
        }

        @Override
        public Parameterised named(String newName) {
            return new Linear(newName, in, out, bias);
        }
    }

    /** BatchNorm2d over the channels of maps, or BatchNorm1d over features. */
    record BatchNorm(String name, int features, double eps, boolean spatial) implements Parameterised {
        @Override
        public String text() {
            return name + ":BatchNorm" + (spatial ? "2d(" : "1d(") + features + ",eps=" + eps + ")";
        }

        @Override
        public Parameterised named(String newName) {
            return new BatchNorm(newName, features, eps, spatial);
        }
    }

    /** An element-wise activation. */
    record Activation(Kind kind, double slope) implements SequentialLayer {
        /** The activations read. */
        public enum Kind { RELU, TANH, SIGMOID, LEAKY_RELU, GELU }

        @Override
        public String text() {
            return switch (kind) {
                case RELU -> "ReLU()";
                case TANH -> "Tanh()";
                case SIGMOID -> "Sigmoid()";
                case GELU -> "GELU()";
                case LEAKY_RELU -> "LeakyReLU(negative_slope=" + slope + ")";
            };
        }
    }

    /** MaxPool2d or AvgPool2d (average pooling counts the padding, PyTorch's default). */
    record Pool(boolean max, int kernel, int stride, int padding, boolean ceil) implements SequentialLayer {
        @Override
        public String text() {
            return (max ? "MaxPool2d" : "AvgPool2d") + "(kernel_size=" + kernel + ",stride=" + stride + ",padding="
                    + padding + ",ceil_mode=" + python(ceil) + ")";
        }

        /** PyTorch's output size: a window must start inside the input or its left padding. */
        int outputSize(int size) {
            int span = size + 2 * padding - kernel;
            int out = (ceil ? Math.floorDiv(span + stride - 1, stride) : Math.floorDiv(span, stride)) + 1;
            if (ceil && (out - 1) * stride >= size + padding) {
                out--;
            }
            return out;
        }
    }

    /**
     * ZeroPad2d: zeros added around the maps, possibly more on one side than the other, as
     * TensorFlow's {@code padding='same'} does for an even total (stride 2: nothing on the top and
     * left, one row and column on the bottom and right).
     */
    record ZeroPad(int left, int right, int top, int bottom) implements SequentialLayer {
        public ZeroPad {
            if (left < 0 || right < 0 || top < 0 || bottom < 0) {
                throw new IllegalArgumentException("ZeroPad2d: paddings must not be negative");
            }
        }

        @Override
        public String text() {
            return "ZeroPad2d(padding=(" + left + "," + right + "," + top + "," + bottom + "))";
        }
    }

    /** AdaptiveAvgPool2d(1): the mean of each map. */
    record GlobalAveragePool() implements SequentialLayer {
        @Override
        public String text() {
            return "AdaptiveAvgPool2d(1)";
        }
    }

    record Flatten() implements SequentialLayer {
        @Override
        public String text() {
            return "Flatten()";
        }
    }

    /** Dropout (or Dropout2d), active only in training mode. */
    record Dropout(double p, boolean channels) implements SequentialLayer {
        @Override
        public String text() {
            return (channels ? "Dropout2d" : "Dropout") + "(p=" + p + ")";
        }
    }

    /**
     * A final LogSoftmax or Softmax. Both run as log-softmax: the probabilities are the same and
     * the outputs stay usable as logits by the loss and the saliency methods.
     */
    record Output(boolean log) implements SequentialLayer {
        @Override
        public String text() {
            return (log ? "LogSoftmax" : "Softmax") + "(dim=1)";
        }
    }

    private static String python(boolean value) {
        return value ? "True" : "False";
    }

    /** "ReLU" for messages. */
    static String kindName(SequentialLayer layer) {
        String text = layer.text();
        int colon = text.indexOf(':');
        int paren = text.indexOf('(');
        return text.substring(colon >= 0 && colon < paren ? colon + 1 : 0, paren).toLowerCase(Locale.ROOT);
    }
}
