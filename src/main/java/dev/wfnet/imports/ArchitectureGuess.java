package dev.wfnet.imports;

import dev.wfnet.data.ImageShape;
import dev.wfnet.model.ArchitectureSpec;
import dev.wfnet.model.ResNet;
import dev.wfnet.model.SequentialNetwork;
import dev.wfnet.model.VisionTransformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which catalogue architecture a state_dict is, read from its names and shapes: torchvision and
 * CIFAR ResNets ({@code layerN.M.convK}, the stem's kernel, bottlenecks, projection or
 * parameter-free shortcuts), timm Vision Transformers ({@code patch_embed}, {@code blocks.N}), and
 * plain stacks of convolutions, batch norms and linear layers ({@link SequentialGuess}). What the
 * weights cannot say (activations, pooling, a ViT's head count) is listed as an assumption, and
 * such a guess is only a proposal to confirm.
 */
public final class ArchitectureGuess {
    private static final Pattern BLOCK = Pattern.compile("^layer(\\d+)\\.(\\d+)\\.");
    private static final Pattern VIT_BLOCK = Pattern.compile("^blocks\\.(\\d+)\\.");

    /**
     * One proposal.
     *
     * @param spec the architecture and its arguments
     * @param input the input shape the weights imply (or the one given)
     * @param classes the number of outputs
     * @param assumptions what the weights could not tell and was assumed; empty when certain
     * @param alternatives other layer lists that fit the shapes as well, in words
     */
    public record Candidate(ArchitectureSpec spec, ImageShape input, int classes, List<String> assumptions,
                            List<String> alternatives) {
        public Candidate {
            assumptions = List.copyOf(assumptions);
            alternatives = List.copyOf(alternatives);
        }

        /** Nothing assumed and nothing else fits: the weights say what the architecture is. */
        public boolean certain() {
            return assumptions.isEmpty() && alternatives.isEmpty();
        }
    }

    /**
     * The outcome: a candidate, or why none was found.
     *
     * @param candidate the best proposal, if any
     * @param failure why nothing fits, when there is no candidate
     */
    public record Guess(Optional<Candidate> candidate, String failure) {
        static Guess of(Candidate candidate) {
            return new Guess(Optional.of(candidate), "");
        }

        static Guess none(String failure) {
            return new Guess(Optional.empty(), failure);
        }
    }

    private ArchitectureGuess() {
    }

    /**
     * @param input the input shape the user gave, or null
     */
    public static Guess guess(StateDict state, ImageShape input) {
        Map<String, long[]> shapes = new java.util.LinkedHashMap<>();
        state.shapes().forEach((name, shape) -> shapes.put(Aliases.canonical(name), shape));
        if (shapes.containsKey("patch_embed.proj.weight") && shapes.containsKey("blocks.0.attn.qkv.weight")) {
            return visionTransformer(shapes, input);
        }
        if (shapes.containsKey("conv1.weight") && shapes.containsKey("layer1.0.conv1.weight")) {
            return resNet(shapes, input);
        }
        return SequentialGuess.guess(state, input);
    }

    private static Guess resNet(Map<String, long[]> shapes, ImageShape input) {
        Map<Integer, TreeSet<Integer>> blocks = new TreeMap<>();
        for (String name : shapes.keySet()) {
            Matcher matcher = BLOCK.matcher(name);
            if (matcher.find()) {
                blocks.computeIfAbsent(Integer.parseInt(matcher.group(1)), k -> new TreeSet<>())
                        .add(Integer.parseInt(matcher.group(2)));
            }
        }
        long[] stem = shapes.get("conv1.weight");
        long[] first = shapes.get("layer1.0.conv1.weight");
        long[] fc = classifier(shapes);
        if (fc == null || stem.length != 4 || first.length != 4 || fc.length != 2) {
            return Guess.none("the names look like a ResNet (conv1, layer1.0.conv1) but there is no classifier"
                    + " (fc, linear or classifier weight of two dimensions)");
        }
        boolean bottleneck = shapes.containsKey("layer1.0.conv3.weight");
        int[] counts = blocks.values().stream().mapToInt(TreeSet::size).toArray();
        String id;
        Map<String, String> arguments = new TreeMap<>();
        arguments.put("width", Long.toString(first[0]));
        if (!bottleneck && counts.length == 3 && counts[0] == counts[1] && counts[1] == counts[2]) {
            id = ResNet.RESNET20;
            arguments.put("depth", Integer.toString(6 * counts[0] + 2));
        } else if (counts.length == 4 && java.util.Arrays.equals(counts, new int[] {2, 2, 2, 2}) && !bottleneck) {
            id = ResNet.RESNET18;
        } else if (counts.length == 4 && java.util.Arrays.equals(counts, new int[] {3, 4, 6, 3})) {
            id = bottleneck ? ResNet.RESNET50 : ResNet.RESNET34;
        } else {
            return Guess.none("a ResNet with " + (bottleneck ? "bottleneck" : "basic") + " blocks "
                    + java.util.Arrays.toString(counts) + " per stage, which the catalogue does not have (it has"
                    + " resnet20-style [n, n, n], resnet18 [2, 2, 2, 2], resnet34 [3, 4, 6, 3] and resnet50 with"
                    + " bottlenecks [3, 4, 6, 3])");
        }
        boolean imagenet = stem[2] == 7;
        if (!imagenet && stem[2] != 3) {
            return Guess.none("a ResNet whose first convolution is " + stem[2] + "x" + stem[3]
                    + "; the catalogue's stems are 3x3 (cifar) and 7x7 (imagenet)");
        }
        if (imagenet) {
            arguments.put("stem", "imagenet");
        }
        if (counts.length > 1 && !shapes.containsKey("layer2.0.downsample.0.weight")) {
            arguments.put("shortcut", "A");
        }
        int channels = (int) stem[1];
        ImageShape shape = input != null ? input
                : new ImageShape(channels, imagenet ? 224 : channels == 1 ? 28 : 32, imagenet ? 224 : channels == 1 ? 28 : 32);
        List<String> assumptions = new ArrayList<>();
        if (input == null) {
            assumptions.add("input size " + shape + " (ResNets take any size: give the one the model was trained"
                    + " on with --input)");
        }
        return Guess.of(new Candidate(ArchitectureSpec.of(id, arguments), shape, (int) fc[0], assumptions, List.of()));
    }

    private static long[] classifier(Map<String, long[]> shapes) {
        for (String name : List.of("fc.weight", "classifier.weight", "head.weight", "output.weight", "out.weight")) {
            if (shapes.containsKey(name)) {
                return shapes.get(name);
            }
        }
        return null;
    }

    private static Guess visionTransformer(Map<String, long[]> shapes, ImageShape input) {
        for (String unsupported : List.of("fc_norm.weight", "norm_pre.weight", "reg_token", "blocks.0.ls1.gamma",
                "attn_pool.latent")) {
            if (shapes.containsKey(unsupported)) {
                return Guess.none("a timm Vision Transformer variant with " + unsupported
                        + ", which the catalogue's vit (class token, pre-norm blocks, final norm) does not have");
            }
        }
        long[] proj = shapes.get("patch_embed.proj.weight");
        long[] pos = shapes.get("pos_embed");
        long[] fc1 = shapes.get("blocks.0.mlp.fc1.weight");
        long[] head = shapes.getOrDefault("head.weight", shapes.get("fc.weight"));
        if (proj.length != 4 || pos == null || pos.length != 3 || fc1 == null || head == null
                || !shapes.containsKey("cls_token")) {
            return Guess.none("the names look like a timm Vision Transformer but its class token, position"
                    + " embedding, MLP or head is missing");
        }
        long dim = proj[0];
        long grid = Math.round(Math.sqrt(pos[1] - 1));
        if (grid * grid != pos[1] - 1 || fc1[0] % dim != 0) {
            return Guess.none("a Vision Transformer whose position embedding (" + pos[1] + " tokens) is not a"
                    + " square grid plus a class token, or whose MLP width is not a multiple of " + dim);
        }
        int depth = (int) shapes.keySet().stream().map(VIT_BLOCK::matcher).filter(Matcher::find)
                .map(m -> m.group(1)).distinct().count();
        long heads = dim % 64 == 0 ? dim / 64 : 1;
        Map<String, String> arguments = new TreeMap<>();
        arguments.put("patch", Long.toString(proj[2]));
        arguments.put("dim", Long.toString(dim));
        arguments.put("depth", Integer.toString(depth));
        arguments.put("heads", Long.toString(heads));
        arguments.put("mlp_ratio", Long.toString(fc1[0] / dim));
        int size = (int) (grid * proj[2]);
        ImageShape shape = input != null ? input : new ImageShape((int) proj[1], size, size);
        List<String> assumptions = List.of("heads=" + heads + ": the weights do not store the head count; timm's"
                + " ViTs use 64 dimensions per head (vit_tiny 3 heads, vit_small 6); give --arch-arg heads=N if yours"
                + " differs");
        return Guess.of(new Candidate(ArchitectureSpec.of(VisionTransformer.ID, arguments), shape, (int) head[0],
                assumptions, List.of()));
    }

    /** The id the sequential guesses carry. */
    static boolean isSequential(Candidate candidate) {
        return candidate.spec().id().equals(SequentialNetwork.ID);
    }
}
