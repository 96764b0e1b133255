package dev.wfnet.unlearn;

import dev.wfnet.settings.Configuration;
import dev.wfnet.settings.Range;
import dev.wfnet.settings.Setting;
import dev.wfnet.settings.SettingTable;
import dev.wfnet.settings.SettingValues;
import dev.wfnet.settings.SettingsBuilder;
import dev.wfnet.settings.ValueType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Every setting of one untraining round. Each setting is defined once, below, with its default,
 * range and description; the command line's options, the window's settings sheet, bank metadata
 * and validation messages are derived from these definitions (adding a setting is adding one).
 * The defaults are the paper's reference run (l0 = l1 = l2 = 1, eps = 1e-6, T = 2, B = 128, Adam
 * lr 1e-2, 400 steps, weight granularity, every weight tensor); see docs/method.md.
 */
public final class UntrainConfig extends Configuration<UntrainConfig> {
    private static final String RUN = "Run";
    private static final String OBJECTIVE = "Objective";
    private static final String FILTERED = "Filtered";

    /** Every untraining setting, in the order the window lists them. */
    public static final SettingTable<UntrainConfig> SETTINGS = new SettingTable<>(UntrainConfig::new);

    public static final Setting<Integer> STEPS = SETTINGS.add(Setting.of("steps", ValueType.WHOLE, 400)
            .label("Steps").group(RUN).range(Range.atLeast(1)).description("Optimiser steps in the round"));
    public static final Setting<Integer> BATCH_SIZE = SETTINGS.add(Setting.of("B", ValueType.WHOLE, 128)
            .label("Batch size").group(RUN).options("--batch").range(Range.evenAtLeast(2))
            .description("B: B/2 forget and B/2 retain samples per step"));
    public static final Setting<Double> LEARNING_RATE = SETTINGS.add(Setting.of("lr", ValueType.REAL, 1e-2)
            .label("Learning rate").group(RUN).range(Range.above(0)).description("Adam's learning rate on the alphas"));
    public static final Setting<Boolean> COSINE_SCHEDULE = SETTINGS.add(Setting.of("schedule",
                    ValueType.flag("cosine", "constant"), false)
            .label("Cosine schedule").group(RUN).options("--cosine")
            .description("Decay the learning rate to zero along a cosine instead of keeping it constant"));
    public static final Setting<Long> SEED = SETTINGS.add(Setting.of("seed", ValueType.LONG, 0L)
            .label("Seed").group(RUN)
            .description("Seeds sampling; each step's draws depend on (seed, step) only, so a resumed run repeats "
                    + "an uninterrupted one"));
    public static final Setting<Integer> SNAPSHOT_EVERY = SETTINGS.add(Setting.of("snapshot_every", ValueType.WHOLE,
                    50)
            .label("Snapshot every").group(RUN).range(Range.atLeast(0))
            .description("Steps between per-class ACC_f / ACC_r snapshots (0: none)"));
    public static final Setting<Integer> CHECKPOINT_EVERY = SETTINGS.add(Setting.of("checkpoint_every",
                    ValueType.WHOLE, 100)
            .label("Checkpoint every").group(RUN).range(Range.atLeast(0))
            .description("Steps between resumable checkpoints (0: only at the end)"));
    public static final Setting<Integer> VALIDATION_PER_CLASS = SETTINGS.add(Setting.of("validation_per_class",
                    ValueType.WHOLE, 100)
            .label("Snapshot images").group(RUN).range(Range.atLeast(1))
            .description("Held-out test images per class for the snapshots"));
    public static final Setting<Double> RETAIN_WEIGHT = SETTINGS.add(Setting.of("l0", ValueType.REAL, 1.0)
            .label("Retain weight (l0)").group(OBJECTIVE).range(Range.atLeast(0.0))
            .description("l0, the weight of the retain cross-entropy"));
    public static final Setting<Double> FORGET_WEIGHT = SETTINGS.add(Setting.of("l1", ValueType.REAL, 1.0)
            .label("Forget weight (l1)").group(OBJECTIVE).range(Range.atLeast(0.0))
            .description("l1, the weight of the inverse forget cross-entropy"));
    public static final Setting<Double> SPARSITY_WEIGHT = SETTINGS.add(Setting.of("l2", ValueType.REAL, 1.0)
            .label("Sparsity weight (l2)").group(OBJECTIVE).range(Range.atLeast(0.0))
            .description("l2, the weight of mean(1 - alpha)"));
    public static final Setting<Double> EPSILON = SETTINGS.add(Setting.of("eps", ValueType.REAL, 1e-6)
            .label("eps").group(OBJECTIVE).range(Range.above(0)).description("eps in 1 / (CE + eps)"));
    public static final Setting<Integer> COPIES = SETTINGS.add(Setting.of("T", ValueType.WHOLE, 2)
            .label("Label expansion (T)").group(OBJECTIVE).options("--copies", "-T").range(Range.atLeast(1))
            .description("T, how many random rows each retain sample is paired with"));
    public static final Setting<RetainTarget> RETAIN_TARGET = SETTINGS.add(Setting.of("retain_target",
                    ValueType.choice(RetainTarget.class), RetainTarget.LABELS)
            .label("Retain target").group(OBJECTIVE)
            .description("What a retain pair's prediction is pulled towards: labels, the true label (the paper); "
                    + "original, the original model's output distribution (distillation, ours)"));
    public static final Setting<Granularity> GRANULARITY = SETTINGS.add(Setting.of("granularity",
                    ValueType.choice(Granularity.class), Granularity.WEIGHT)
            .label("Granularity").group(FILTERED)
            .description("weight: one alpha per weight (the paper); filter: one per output channel, far smaller"));
    public static final Setting<Boolean> BIASES = SETTINGS.add(Setting.of("biases", ValueType.FLAG, false)
            .label("Biases").group(FILTERED).description("Also filter biases"));
    public static final Setting<Boolean> NORMS = SETTINGS.add(Setting.of("norms", ValueType.FLAG, false)
            .label("Norms").group(FILTERED).description("Also filter normalisation scales and shifts"));
    /** The model's classes the bank can forget; empty means all. */
    public static final Setting<List<Integer>> CLASSES = SETTINGS.add(Setting.of("classes", classList(), List.of())
            .label("Classes to forget").group(FILTERED).range(new Range<>("that are 0 or above",
                    classes -> classes.stream().allMatch(c -> c >= 0)))
            .description("The model's classes the bank can forget"));
    /** If not empty, only parameters whose name starts with one of these prefixes are filtered. */
    public static final Setting<List<String>> LAYERS = SETTINGS.add(Setting.of("layers", layerList(), List.of())
            .label("Layers to filter").group(FILTERED)
            .description("Only these layers (parameter name prefixes, e.g. conv1,fc1); every layer when none is "
                    + "named"));

    private static final UntrainConfig DEFAULTS = SETTINGS.defaults();

    private UntrainConfig(SettingValues values) {
        super(SETTINGS, values);
    }

    public static UntrainConfig defaults() {
        return DEFAULTS;
    }

    /** Settings to set, starting from the defaults. */
    public static SettingsBuilder<UntrainConfig> builder() {
        return SETTINGS.builder();
    }

    /** The same settings with another number of steps. */
    public UntrainConfig withSteps(int newSteps) {
        return with(STEPS, newSteps);
    }

    /** The model classes the bank can forget; empty means all. */
    public int[] classes() {
        return get(CLASSES).stream().mapToInt(Integer::intValue).toArray();
    }

    /** The classes of the bank for a model with {@code modelClasses} classes. */
    public int[] bankClasses(int modelClasses) {
        int[] chosen = classes();
        return chosen.length == 0 ? IntStream.range(0, modelClasses).toArray() : chosen;
    }

    public Granularity granularity() {
        return get(GRANULARITY);
    }

    /** Which parameters are filtered. */
    public LayerSelection selection() {
        return new LayerSelection(get(BIASES), get(NORMS), get(LAYERS));
    }

    public double retainWeight() {
        return get(RETAIN_WEIGHT);
    }

    public double forgetWeight() {
        return get(FORGET_WEIGHT);
    }

    public double sparsityWeight() {
        return get(SPARSITY_WEIGHT);
    }

    public double epsilon() {
        return get(EPSILON);
    }

    public int copies() {
        return get(COPIES);
    }

    public int batchSize() {
        return get(BATCH_SIZE);
    }

    public double learningRate() {
        return get(LEARNING_RATE);
    }

    public boolean cosineSchedule() {
        return get(COSINE_SCHEDULE);
    }

    public int steps() {
        return get(STEPS);
    }

    public long seed() {
        return get(SEED);
    }

    public int snapshotEvery() {
        return get(SNAPSHOT_EVERY);
    }

    public int checkpointEvery() {
        return get(CHECKPOINT_EVERY);
    }

    public int validationPerClass() {
        return get(VALIDATION_PER_CLASS);
    }

    public RetainTarget retainTarget() {
        return get(RETAIN_TARGET);
    }

    /** The learning rate at a step. */
    public double learningRateAt(int step) {
        return cosineSchedule() ? dev.wfnet.model.CosineSchedule.at(learningRate(), step, steps()) : learningRate();
    }

    /**
     * The settings as text, for provenance and bank metadata: one entry per setting, by key, and
     * "filtered", the selection in words.
     */
    @Override
    public Map<String, String> describe() {
        Map<String, String> map = new LinkedHashMap<>(super.describe());
        map.put("filtered", selection().describe());
        return map;
    }

    /**
     * Reads {@link #describe()} back; a setting missing from the map (a bank written before the
     * setting existed) gets its default.
     *
     * @throws dev.wfnet.settings.InvalidSettingException naming a setting whose text is not valid
     */
    public static UntrainConfig parse(Map<String, String> map) {
        return SETTINGS.parse(map);
    }

    /** "all" or "[1, 3, 8]", as banks have always written it. */
    private static ValueType<List<Integer>> classList() {
        @SuppressWarnings("unchecked")
        Class<List<Integer>> type = (Class<List<Integer>>) (Class<?>) List.class;
        return ValueType.of(type, "all or a comma-separated list of class indices", text -> {
            String bare = text.replaceAll("[\\[\\] ]", "");
            return bare.equalsIgnoreCase("all") || bare.isEmpty() ? List.of()
                    : Arrays.stream(bare.split(",")).map(Integer::valueOf).toList();
        }, classes -> classes.isEmpty() ? "all" : classes.toString());
    }

    /** "conv1,fc1", empty for every layer, as banks have always written it. */
    private static ValueType<List<String>> layerList() {
        @SuppressWarnings("unchecked")
        Class<List<String>> type = (Class<List<String>>) (Class<?>) List.class;
        return ValueType.of(type, "a comma-separated list of layer names",
                text -> text.isBlank() ? List.of() : Arrays.stream(text.split(",")).map(String::strip).toList(),
                layers -> layers.stream().collect(Collectors.joining(",")));
    }
}
