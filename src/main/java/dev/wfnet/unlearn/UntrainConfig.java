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
 * The defaults are chosen to reach the targets without tuning (docs/method.md, "Defaults"): the
 * paper's weights (l0 = l1 = l2 = 1), T = 2, B = 128, weight granularity, every weight tensor, with
 * the log-complement forget loss, row-shared Adam at lr 3e-3, stratified batches with composition and
 * a stop on per-row targets; the paper's reference run is {@code --forget-loss inverse --optimizer
 * adam --sampling paper --lr 0.01 --steps 400 --run-all-steps}.
 */
public final class UntrainConfig extends Configuration<UntrainConfig> {
    private static final String RUN = "Run";
    private static final String OBJECTIVE = "Objective";
    private static final String FILTERED = "Filtered";

    /** Every untraining setting, in the order the window lists them. */
    public static final SettingTable<UntrainConfig> SETTINGS = new SettingTable<>(UntrainConfig::new);

    public static final Setting<Integer> STEPS = SETTINGS.add(Setting.of("steps", ValueType.WHOLE, 1000)
            .label("Max steps").group(RUN).options("--max-steps", "--steps").range(Range.atLeast(1))
            .description("Optimiser steps at most; a round that stops on its targets usually ends sooner"));
    public static final Setting<Double> MAX_MINUTES = SETTINGS.add(Setting.of("max_minutes", ValueType.REAL, 0.0)
            .label("Max minutes").group(RUN).range(Range.atLeast(0.0))
            .description("Wall-clock minutes at most (0: no limit)"));
    public static final Setting<Boolean> RUN_ALL_STEPS = SETTINGS.add(Setting.of("run_all_steps",
                    ValueType.FLAG, false)
            .label("Run all steps").group(RUN).whenAbsent(true)
            .description("Run every step instead of freezing each row once it meets both targets on the held-out "
                    + "split and stopping when every row does"));
    public static final Setting<Double> TARGET_ACC_F = SETTINGS.add(Setting.of("target_acc_f", ValueType.REAL, 1.0)
            .label("Target ACC_f (%)").group(RUN).range(Range.between(0.0, 100.0))
            .description("A row meets its forget target when at most this share (percent) of its class's "
                    + "held-out images is still recognised"));
    public static final Setting<Double> TARGET_DROP = SETTINGS.add(Setting.of("target_drop", ValueType.REAL, 1.0)
            .label("Target drop (points)").group(RUN).range(Range.atLeast(0.0))
            .description("A row meets its retain target when its accuracy on the other classes' held-out "
                    + "images is at most this many points below the original model's"));
    public static final Setting<Integer> BATCH_SIZE = SETTINGS.add(Setting.of("B", ValueType.WHOLE, 128)
            .label("Batch size").group(RUN).options("--batch").range(Range.evenAtLeast(2))
            .description("B: B/2 forget and B/2 retain samples per step"));
    public static final Setting<Double> LEARNING_RATE = SETTINGS.add(Setting.of("lr", ValueType.REAL, 3e-3)
            .label("Learning rate").group(RUN).range(Range.above(0)).description("The optimiser's learning rate on the alphas"));
    public static final Setting<Boolean> COSINE_SCHEDULE = SETTINGS.add(Setting.of("schedule",
                    ValueType.flag("cosine", "constant"), false)
            .label("Cosine schedule").group(RUN).options("--cosine")
            .description("Decay the learning rate to zero along a cosine instead of keeping it constant"));
    public static final Setting<Long> SEED = SETTINGS.add(Setting.of("seed", ValueType.LONG, 0L)
            .label("Seed").group(RUN)
            .description("Seeds sampling; each step's draws depend on (seed, step) only, so a resumed run repeats "
                    + "an uninterrupted one"));
    public static final Setting<Integer> SNAPSHOT_EVERY = SETTINGS.add(Setting.of("snapshot_every", ValueType.WHOLE,
                    25)
            .label("Check every").group(RUN).options("--check-every", "--snapshot-every").range(Range.atLeast(0))
            .description("Steps between checks of every row's ACC_f / ACC_r on the held-out split, where the "
                    + "targets are checked (0: none)"));
    public static final Setting<Integer> CHECKPOINT_EVERY = SETTINGS.add(Setting.of("checkpoint_every",
                    ValueType.WHOLE, 100)
            .label("Checkpoint every").group(RUN).range(Range.atLeast(0))
            .description("Steps between resumable checkpoints (0: only at the end)"));
    public static final Setting<Integer> VALIDATION_PER_CLASS = SETTINGS.add(Setting.of("validation_per_class",
                    ValueType.WHOLE, 200)
            .label("Held-out images").group(RUN).range(Range.atLeast(1))
            .description("Training images per class held out of training for the checks (never test images)"));
    public static final Setting<Double> RETAIN_WEIGHT = SETTINGS.add(Setting.of("l0", ValueType.REAL, 1.0)
            .label("Retain weight (l0)").group(OBJECTIVE).range(Range.atLeast(0.0))
            .description("l0, the weight of the retain cross-entropy"));
    public static final Setting<Double> FORGET_WEIGHT = SETTINGS.add(Setting.of("l1", ValueType.REAL, 1.0)
            .label("Forget weight (l1)").group(OBJECTIVE).range(Range.atLeast(0.0))
            .description("l1, the weight of the forget term"));
    public static final Setting<Double> SPARSITY_WEIGHT = SETTINGS.add(Setting.of("l2", ValueType.REAL, 1.0)
            .label("Sparsity weight (l2)").group(OBJECTIVE).range(Range.atLeast(0.0))
            .description("l2, the weight of mean(1 - alpha)"));
    public static final Setting<Double> EPSILON = SETTINGS.add(Setting.of("eps", ValueType.REAL, 1e-6)
            .label("eps").group(OBJECTIVE).range(Range.above(0)).description("eps in the inverse forget loss 1 / (CE + eps)"));
    public static final Setting<ForgetLoss> FORGET_LOSS = SETTINGS.add(Setting.of("forget_loss",
                    ValueType.choice(ForgetLoss.class), ForgetLoss.LOG_COMPLEMENT)
            .label("Forget loss").group(OBJECTIVE).whenAbsent(ForgetLoss.INVERSE)
            .description("inverse: 1 / (CE + eps), the paper; log-complement: -log(1 - p), bounded and silent once "
                    + "the class is forgotten (ours)"));
    public static final Setting<AlphaOptimizer> OPTIMIZER = SETTINGS.add(Setting.of("optimizer",
                    ValueType.choice(AlphaOptimizer.class), AlphaOptimizer.ROW_ADAM)
            .label("Optimiser").group(OBJECTIVE).whenAbsent(AlphaOptimizer.ADAM)
            .description("adam: a second moment per alpha; row-adam: one per row of each tensor, so alphas move "
                    + "in proportion to their gradient (ours)"));
    public static final Setting<BatchSampling> SAMPLING = SETTINGS.add(Setting.of("sampling",
                    ValueType.choice(BatchSampling.class), BatchSampling.STRATIFIED)
            .label("Batch sampling").group(OBJECTIVE).whenAbsent(BatchSampling.PAPER)
            .description("paper: B/2 forget samples of any class; stratified: the same share for every row still "
                    + "training (ours)"));
    public static final Setting<Double> COMPOSE = SETTINGS.add(Setting.of("compose", ValueType.REAL, 0.5)
            .label("Composition share").group(OBJECTIVE).range(Range.between(0.0, 1.0)).whenAbsent(0.0)
            .description("With stratified sampling, the share of a row's sets that also apply a second row, so "
                    + "that products of rows forget both classes"));
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

    /**
     * The paper's reference run as settings to build on: the inverse forget loss, Adam per alpha at
     * lr 1e-2, the paper's batch draw, 400 steps, every step run (docs/method.md, "Defaults").
     */
    public static SettingsBuilder<UntrainConfig> paperReference() {
        return builder().set(FORGET_LOSS, ForgetLoss.INVERSE).set(OPTIMIZER, AlphaOptimizer.ADAM)
                .set(SAMPLING, BatchSampling.PAPER).set(COMPOSE, 0.0).set(LEARNING_RATE, 1e-2).set(STEPS, 400)
                .set(RUN_ALL_STEPS, true).set(SNAPSHOT_EVERY, 50).set(VALIDATION_PER_CLASS, 100);
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

    public ForgetLoss forgetLoss() {
        return get(FORGET_LOSS);
    }

    public AlphaOptimizer optimizer() {
        return get(OPTIMIZER);
    }

    public BatchSampling sampling() {
        return get(SAMPLING);
    }

    public double compose() {
        return get(COMPOSE);
    }

    /** Whether rows freeze once they meet their targets and the round ends when all have. */
    public boolean stopOnTargets() {
        return !get(RUN_ALL_STEPS) && snapshotEvery() > 0;
    }

    /** The forget target as a fraction (the setting is in percent). */
    public double targetForgetAccuracy() {
        return get(TARGET_ACC_F) / 100;
    }

    /** The retain target as a fraction (the setting is in points). */
    public double targetDrop() {
        return get(TARGET_DROP) / 100;
    }

    public double maxMinutes() {
        return get(MAX_MINUTES);
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
