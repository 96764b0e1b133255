package dev.wfnet.imports;

import dev.wfnet.data.ImageShape;
import dev.wfnet.model.ArchitectureSpec;
import dev.wfnet.model.SequentialLayer;
import dev.wfnet.model.SequentialLayers;
import dev.wfnet.model.SequentialNetwork;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plain stack from a state_dict: its layers with weights, in the file's order, are convolutions
 * (4-D weights), linear layers (2-D) and batch norms (running statistics). What a state_dict does
 * not hold is filled in: a ReLU after every convolution and hidden linear layer, a Flatten before
 * the first linear layer, and the paddings (none or "same") and 2x2 max-pools that make the
 * convolutions' output exactly as large as the first linear layer's input, for the input size
 * given or the common ones (28x28 for one channel, 32x32 for three, 224x224). Several fits are
 * ranked (uniform padding first, then fewer pools) and the others reported.
 */
public final class SequentialGuess {
    /** Sizes tried when none is given, most likely first. */
    static final int[] SIZES = {28, 32, 224, 64, 96, 128, 24, 16, 48, 56, 112, 256, 299};
    /** Beyond this many convolutions only uniform choices are tried, to bound the search. */
    static final int MAX_FREE_CONVOLUTIONS = 6;

    /** A group of tensors sharing a prefix: one layer's weights. */
    record Group(String prefix, Map<String, long[]> tensors) {
        long[] weight() {
            return tensors.get("weight");
        }

        boolean isNorm() {
            return tensors.containsKey("running_mean") && tensors.containsKey("running_var")
                    && weight() != null && weight().length == 1;
        }

        boolean isConv() {
            return weight() != null && weight().length == 4 && !isNorm() && onlyWeightAndBias();
        }

        boolean isLinear() {
            return weight() != null && weight().length == 2 && onlyWeightAndBias();
        }

        boolean hasBias() {
            return tensors.containsKey("bias");
        }

        private boolean onlyWeightAndBias() {
            return tensors.keySet().stream().allMatch(k -> k.equals("weight") || k.equals("bias"));
        }

        String kind() {
            return isConv() ? "Conv2d" : isLinear() ? "Linear" : isNorm() ? "BatchNorm" : "tensors " + tensors.keySet();
        }
    }

    /** One way of filling in the convolutions: a padding and whether a pool follows, per convolution. */
    private record Fit(ImageShape input, boolean[] samePadding, boolean[] pool, int sizeRank) {
        boolean uniformPadding() {
            for (boolean same : samePadding) {
                if (same != samePadding[0]) {
                    return false;
                }
            }
            return true;
        }

        int pools() {
            int count = 0;
            for (boolean p : pool) {
                count += p ? 1 : 0;
            }
            return count;
        }
    }

    private SequentialGuess() {
    }

    /** The layers with weights, grouped by name prefix in the file's order. */
    static List<Group> groups(StateDict state) {
        Map<String, Map<String, long[]>> groups = new LinkedHashMap<>();
        state.shapes().forEach((name, shape) -> {
            int dot = name.lastIndexOf('.');
            String prefix = dot < 0 ? "" : name.substring(0, dot);
            groups.computeIfAbsent(prefix, k -> new LinkedHashMap<>()).put(name.substring(dot + 1), shape);
        });
        List<Group> out = new ArrayList<>();
        groups.forEach((prefix, tensors) -> out.add(new Group(prefix, tensors)));
        return out;
    }

    static ArchitectureGuess.Guess guess(StateDict state, ImageShape input) {
        List<Group> groups = groups(state);
        for (Group group : groups) {
            if (!group.isConv() && !group.isLinear() && !group.isNorm() || group.prefix().isEmpty()) {
                return ArchitectureGuess.Guess.none("the tensors " + group.tensors().keySet() + " under '"
                        + group.prefix() + "' are not a Conv2d, Linear or BatchNorm layer, and the names match no"
                        + " architecture of the catalogue (ResNet, timm ViT); name it with --arch");
            }
        }
        if (groups.isEmpty() || !groups.get(0).isConv() && !groups.get(0).isLinear()) {
            return ArchitectureGuess.Guess.none("the first layer with weights is neither a convolution nor a linear"
                    + " layer");
        }
        int firstLinear = -1;
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).isLinear() && firstLinear < 0) {
                firstLinear = i;
            }
            if (groups.get(i).isConv() && firstLinear >= 0) {
                return ArchitectureGuess.Guess.none("a convolution (" + groups.get(i).prefix() + ") follows a linear"
                        + " layer: not a plain stack");
            }
        }
        if (firstLinear < 0) {
            return ArchitectureGuess.Guess.none("no linear layer: the classifier of a plain stack is a Linear layer");
        }
        List<Group> convs = groups.subList(0, firstLinear).stream().filter(Group::isConv).toList();
        long features = groups.get(firstLinear).weight()[1];
        List<Fit> fits = convs.isEmpty() ? mlpFits(features, input) : convFits(convs, features, input);
        if (fits.isEmpty()) {
            return ArchitectureGuess.Guess.none("no padding and 2x2 max-pooling of the " + convs.size()
                    + " convolutions gives the " + features + " features the first linear layer ("
                    + groups.get(firstLinear).prefix() + ") takes" + (input == null ? " for a 28x28, 32x32 or"
                    + " 224x224 input" : " for " + input + " inputs") + "; give the layer list with --arch sequential"
                    + " --arch-arg layers=...");
        }
        fits.sort(Comparator.comparingInt(Fit::sizeRank).thenComparing(fit -> !fit.uniformPadding())
                .thenComparingInt(Fit::pools));
        Fit best = fits.get(0);
        List<SequentialLayer> layers = layers(groups, best);
        long classes = groups.get(groups.size() - 1).isLinear() ? groups.get(groups.size() - 1).weight()[0] : -1;
        List<String> assumptions = new ArrayList<>();
        assumptions.add("activations and pooling are not stored in a state_dict: ReLU after every convolution and"
                + " hidden linear layer" + (convs.isEmpty() ? "" : ", 2x2 max-pooling and paddings where the shapes"
                + " need them") + ", and the layers run in the file's order");
        if (input == null) {
            assumptions.add("input " + best.input() + (fits.stream().anyMatch(f -> !f.input().equals(best.input()))
                    ? " (other sizes fit too)" : ""));
        }
        List<String> alternatives = new ArrayList<>();
        for (Fit other : fits.subList(1, Math.min(fits.size(), 4))) {
            alternatives.add(other.input() + ": " + SequentialLayers.text(layers(groups, other)));
        }
        return ArchitectureGuess.Guess.of(new ArchitectureGuess.Candidate(
                ArchitectureSpec.of(SequentialNetwork.ID, Map.of("layers", SequentialLayers.text(layers))),
                best.input(), (int) classes, assumptions, alternatives));
    }

    private static List<Fit> mlpFits(long features, ImageShape input) {
        List<Fit> fits = new ArrayList<>();
        if (input != null) {
            if ((long) input.pixelCount() == features) {
                fits.add(new Fit(input, new boolean[0], new boolean[0], 0));
            }
            return fits;
        }
        int rank = 0;
        for (int channels : new int[] {1, 3}) {
            long plane = features / channels;
            long side = Math.round(Math.sqrt(plane));
            if (features % channels == 0 && side * side == plane && side > 0) {
                fits.add(new Fit(new ImageShape(channels, (int) side, (int) side), new boolean[0], new boolean[0],
                        preferred(channels, (int) side) ? rank : rank + 100));
            }
            rank++;
        }
        return fits;
    }

    private static boolean preferred(int channels, int side) {
        return (channels == 1 && side == 28) || (channels == 3 && side == 32);
    }

    private static List<Fit> convFits(List<Group> convs, long features, ImageShape input) {
        int channels = (int) convs.get(0).weight()[1];
        long lastChannels = convs.get(convs.size() - 1).weight()[0];
        List<ImageShape> inputs = new ArrayList<>();
        if (input != null) {
            inputs.add(input);
        } else {
            // the common size for the channel count first
            List<Integer> sizes = new ArrayList<>();
            sizes.add(channels == 1 ? 28 : 32);
            for (int size : SIZES) {
                if (!sizes.contains(size)) {
                    sizes.add(size);
                }
            }
            sizes.forEach(size -> inputs.add(new ImageShape(channels, size, size)));
        }
        int n = convs.size();
        boolean free = n <= MAX_FREE_CONVOLUTIONS;
        List<Fit> fits = new ArrayList<>();
        for (int rank = 0; rank < inputs.size(); rank++) {
            ImageShape shape = inputs.get(rank);
            long combinations = free ? 1L << (2 * n) : 4;
            for (long bits = 0; bits < combinations; bits++) {
                boolean[] same = new boolean[n];
                boolean[] pool = new boolean[n];
                for (int i = 0; i < n; i++) {
                    same[i] = free ? (bits >> (2 * i) & 1) == 1 : (bits & 1) == 1;
                    pool[i] = free ? (bits >> (2 * i + 1) & 1) == 1 : (bits & 2) == 2;
                }
                int height = shape.height();
                int width = shape.width();
                boolean ok = true;
                for (int i = 0; i < n && ok; i++) {
                    int kernel = (int) convs.get(i).weight()[2];
                    int padding = same[i] ? kernel / 2 : 0;
                    if (same[i] && kernel == 1) {
                        ok = false;
                        break;
                    }
                    height = height + 2 * padding - kernel + 1;
                    width = width + 2 * padding - kernel + 1;
                    if (pool[i]) {
                        height /= 2;
                        width /= 2;
                    }
                    ok = height >= 1 && width >= 1;
                }
                if (ok && lastChannels * height * width == features) {
                    fits.add(new Fit(shape, same, pool, rank));
                }
            }
            if (!fits.isEmpty() && input == null) {
                break;
            }
        }
        return fits;
    }

    /** The layer list of one fit, named by the file's prefixes. */
    private static List<SequentialLayer> layers(List<Group> groups, Fit fit) {
        List<SequentialLayer> layers = new ArrayList<>();
        int conv = 0;
        boolean flattened = false;
        SequentialLayer.Activation relu = new SequentialLayer.Activation(SequentialLayer.Activation.Kind.RELU, 0);
        for (int i = 0; i < groups.size(); i++) {
            Group group = groups.get(i);
            boolean normFollows = i + 1 < groups.size() && groups.get(i + 1).isNorm();
            long[] w = group.weight();
            if (group.isConv()) {
                int kernel = (int) w[2];
                layers.add(new SequentialLayer.Conv2d(group.prefix(), (int) w[1], (int) w[0], kernel, 1,
                        fit.samePadding()[conv] ? kernel / 2 : 0, group.hasBias()));
                if (normFollows) {
                    Group norm = groups.get(++i);
                    layers.add(new SequentialLayer.BatchNorm(norm.prefix(), (int) norm.weight()[0], 1e-5, true));
                }
                layers.add(relu);
                if (fit.pool()[conv]) {
                    layers.add(new SequentialLayer.Pool(true, 2, 2, 0, false));
                }
                conv++;
            } else if (group.isLinear()) {
                if (!flattened) {
                    layers.add(new SequentialLayer.Flatten());
                    flattened = true;
                }
                layers.add(new SequentialLayer.Linear(group.prefix(), (int) w[1], (int) w[0], group.hasBias()));
                if (normFollows) {
                    Group norm = groups.get(++i);
                    layers.add(new SequentialLayer.BatchNorm(norm.prefix(), (int) norm.weight()[0], 1e-5, false));
                }
                if (i < groups.size() - 1) {
                    layers.add(relu);
                }
            } else {
                // a batch norm that does not directly follow a layer with weights: as the file has it
                layers.add(new SequentialLayer.BatchNorm(group.prefix(), (int) w[0], 1e-5, !flattened));
            }
        }
        return layers;
    }
}
