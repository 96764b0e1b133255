package dev.wfnet.model;

import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageShape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Every architecture the workbench can build, by id; checkpoints name one of these. */
public final class ArchitectureCatalog {

    /** Builds one architecture from its arguments. */
    @FunctionalInterface
    private interface Factory {
        Architecture create(Arguments arguments, ImageShape input, int classes);
    }

    private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put(SmallCnn.ID, (args, input, classes) -> new SmallCnn(input, classes));
        FACTORIES.put(Mlp.ID, (args, input, classes) ->
                new Mlp(input, classes, args.integers("hidden", Mlp.DEFAULT_HIDDEN)));
        for (String id : java.util.List.of(ResNet.RESNET20, ResNet.RESNET18, ResNet.RESNET34, ResNet.RESNET50)) {
            FACTORIES.put(id, (args, input, classes) -> ResNet.create(id, args, input, classes));
        }
        FACTORIES.put(VisionTransformer.ID, (args, input, classes) -> new VisionTransformer(input, classes,
                args.integer("patch", 4), args.integer("dim", 64), args.integer("depth", 4),
                args.integer("heads", 4), args.integer("mlp_ratio", 2)));
        FACTORIES.put(SequentialNetwork.ID, (args, input, classes) ->
                SequentialNetwork.create(args.text("layers", ""), input, classes));
    }

    private ArchitectureCatalog() {
    }

    public static Set<String> ids() {
        return FACTORIES.keySet();
    }

    /**
     * Builds an architecture. An argument {@code fit} ({@link InputFit}) makes it take images of
     * {@code input}'s size and bring them to the size the network was built for.
     */
    public static Architecture create(ArchitectureSpec spec, ImageShape input, int classes) throws WfnetException {
        Factory factory = FACTORIES.get(spec.id());
        if (factory == null) {
            throw new WfnetException("unknown architecture '" + spec.id() + "'; the catalogue has " + ids());
        }
        try {
            String fitText = spec.arguments().get(InputFit.ARGUMENT);
            InputFit fit = fitText == null ? null : InputFit.parse(fitText);
            java.util.Map<String, String> rest = new java.util.TreeMap<>(spec.arguments());
            rest.remove(InputFit.ARGUMENT);
            Arguments arguments = new Arguments(ArchitectureSpec.of(spec.id(), rest));
            Architecture architecture = factory.create(arguments, fit == null ? input : fit.networkInput(input), classes);
            arguments.refuseUnread();
            return fit == null ? architecture : FittedArchitecture.of(architecture, fit, input);
        } catch (IllegalArgumentException e) {
            throw new WfnetException("cannot build " + spec + " for " + input + " inputs and " + classes
                    + " classes: " + e.getMessage(), e);
        }
    }

    /** Typed access to an architecture's text arguments, with defaults. */
    public static final class Arguments {
        private final ArchitectureSpec spec;
        private final java.util.Set<String> read = new java.util.TreeSet<>();

        Arguments(ArchitectureSpec spec) {
            this.spec = spec;
        }

        /** Arguments given in code rather than read from a checkpoint. */
        static Arguments of(java.util.Map<String, String> arguments) {
            return new Arguments(ArchitectureSpec.of("", arguments));
        }

        /** A misspelt argument would otherwise fall back to its default without a word. */
        void refuseUnread() {
            java.util.Set<String> unknown = new java.util.TreeSet<>(spec.arguments().keySet());
            unknown.removeAll(read);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("unknown argument " + unknown + "; " + spec.id()
                        + (read.isEmpty() ? " takes no arguments" : " takes " + read));
            }
        }

        public int integer(String key, int defaultValue) {
            read.add(key);
            String text = spec.arguments().get(key);
            if (text == null) {
                return defaultValue;
            }
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("argument " + key + "=" + text + " is not an integer", e);
            }
        }

        public String text(String key, String defaultValue) {
            read.add(key);
            return spec.arguments().getOrDefault(key, defaultValue);
        }

        public int[] integers(String key, int... defaultValue) {
            read.add(key);
            String text = spec.arguments().get(key);
            if (text == null) {
                return defaultValue.clone();
            }
            try {
                return java.util.Arrays.stream(text.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("argument " + key + "=" + text
                        + " is not a comma-separated list of integers", e);
            }
        }
    }
}
