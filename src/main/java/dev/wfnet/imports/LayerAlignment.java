package dev.wfnet.imports;

import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageShape;
import dev.wfnet.model.SequentialLayer;
import dev.wfnet.model.SequentialNetwork;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Gives a user's layer list the names the file stores its weights under. Layers named as in the
 * file keep their names (so naming layers explicitly also fixes a file whose order is not the
 * forward order); otherwise the layers with weights are matched to the file's layers in order
 * (Conv2d to 4-D weights, Linear to 2-D, BatchNorm to running statistics), trying the file's order
 * and then natural name order ({@code 2} before {@code 10}, as safetensors files sort names).
 */
final class LayerAlignment {

    private LayerAlignment() {
    }

    /**
     * @return the layer list with the file's names, and the step taken (null when nothing changed)
     */
    static Aligned align(List<SequentialLayer> layers, StateDict state, String source) throws WfnetException {
        List<SequentialLayer.Parameterised> weighted = layers.stream()
                .filter(l -> l instanceof SequentialLayer.Parameterised)
                .map(l -> (SequentialLayer.Parameterised) l).toList();
        List<SequentialGuess.Group> groups = SequentialGuess.groups(state);
        Set<String> prefixes = groups.stream().map(SequentialGuess.Group::prefix).collect(Collectors.toSet());
        if (weighted.stream().allMatch(l -> prefixes.contains(l.name()))) {
            return new Aligned(layers, null);
        }
        if (weighted.size() != groups.size()) {
            throw new WfnetException("the layer list has " + weighted.size() + " layers with weights ("
                    + weighted.stream().map(SequentialLayer::text).map(LayerAlignment::kind)
                            .collect(Collectors.joining(", ")) + "), " + source + " has " + groups.size() + " ("
                    + describe(groups) + ")");
        }
        List<SequentialGuess.Group> natural = new ArrayList<>(groups);
        natural.sort(Comparator.comparing(SequentialGuess.Group::prefix, LayerAlignment::compareNatural));
        for (List<SequentialGuess.Group> order : List.of(groups, natural)) {
            if (compatible(weighted, order)) {
                List<SequentialLayer> named = new ArrayList<>();
                int next = 0;
                for (SequentialLayer layer : layers) {
                    named.add(layer instanceof SequentialLayer.Parameterised p ? p.named(order.get(next++).prefix())
                            : layer);
                }
                return new Aligned(named, "layers with weights matched to " + source + "'s layers in "
                        + (order == groups ? "the file's" : "natural name") + " order ("
                        + order.stream().map(SequentialGuess.Group::prefix).collect(Collectors.joining(", ")) + ")");
            }
        }
        throw new WfnetException("the layer list's layers with weights ("
                + weighted.stream().map(SequentialLayer::text).map(LayerAlignment::kind).collect(Collectors.joining(", "))
                + ") do not match " + source + "'s in order (" + describe(groups) + "); name each layer as the file"
                + " does, e.g. conv1: Conv2d(1, 32, 3)");
    }

    /** The layer list and what was done to it. */
    record Aligned(List<SequentialLayer> layers, String step) {
    }

    /**
     * The input size a layer list works with: the given one, or the common size for its channels
     * if that fits, else the first size that does.
     */
    static ImageShape inputFor(List<SequentialLayer> layers, int classes) throws WfnetException {
        SequentialLayer first = layers.stream().filter(l -> l instanceof SequentialLayer.Parameterised)
                .findFirst().orElseThrow(() -> new WfnetException("the layer list has no layer with weights"));
        List<ImageShape> candidates = new ArrayList<>();
        if (first instanceof SequentialLayer.Conv2d conv) {
            candidates.add(new ImageShape(conv.in(), conv.in() == 1 ? 28 : 32, conv.in() == 1 ? 28 : 32));
            for (int size : SequentialGuess.SIZES) {
                candidates.add(new ImageShape(conv.in(), size, size));
            }
            for (int size = 1; size <= 512; size++) {
                candidates.add(new ImageShape(conv.in(), size, size));
            }
        } else if (first instanceof SequentialLayer.Linear linear) {
            for (int channels : new int[] {1, 3}) {
                long side = Math.round(Math.sqrt((double) linear.in() / channels));
                if (side > 0 && channels * side * side == linear.in()) {
                    candidates.add(new ImageShape(channels, (int) side, (int) side));
                }
            }
        }
        for (ImageShape shape : candidates) {
            try {
                SequentialNetwork.create(layers, shape, classes);
                return shape;
            } catch (IllegalArgumentException doesNotFit) {
                // try the next size
            }
        }
        throw new WfnetException("no square input size up to 512x512 fits the layer list; give it with --input CxHxW");
    }

    private static boolean compatible(List<SequentialLayer.Parameterised> layers, List<SequentialGuess.Group> groups) {
        for (int i = 0; i < layers.size(); i++) {
            SequentialLayer layer = layers.get(i);
            SequentialGuess.Group group = groups.get(i);
            boolean fits = layer instanceof SequentialLayer.Conv2d ? group.isConv()
                    : layer instanceof SequentialLayer.Linear ? group.isLinear() : group.isNorm();
            if (!fits) {
                return false;
            }
        }
        return true;
    }

    private static String kind(String text) {
        int colon = text.indexOf(':');
        return text.substring(colon + 1, text.indexOf('('));
    }

    private static String describe(List<SequentialGuess.Group> groups) {
        return groups.stream().map(g -> (g.prefix().isEmpty() ? "" : g.prefix() + " ") + g.kind())
                .collect(Collectors.joining(", "));
    }

    /** Dotted names compared part by part, numbers as numbers. */
    static int compareNatural(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            boolean numbers = left[i].matches("\\d{1,9}") && right[i].matches("\\d{1,9}");
            int order = numbers ? Integer.compare(Integer.parseInt(left[i]), Integer.parseInt(right[i]))
                    : left[i].compareTo(right[i]);
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(left.length, right.length);
    }
}
