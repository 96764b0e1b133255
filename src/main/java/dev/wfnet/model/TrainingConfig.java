package dev.wfnet.model;

import dev.wfnet.settings.Configuration;
import dev.wfnet.settings.Range;
import dev.wfnet.settings.Setting;
import dev.wfnet.settings.SettingTable;
import dev.wfnet.settings.SettingValues;
import dev.wfnet.settings.SettingsBuilder;
import dev.wfnet.settings.ValueType;

/**
 * Every setting of a base-model training run. Each setting is defined once, below, with its
 * default, range and description; the command line's options, provenance and validation messages
 * are derived from these definitions.
 */
public final class TrainingConfig extends Configuration<TrainingConfig> {

    public enum OptimizerKind { ADAM, SGD }

    /** Every training setting. */
    public static final SettingTable<TrainingConfig> SETTINGS = new SettingTable<>(TrainingConfig::new);

    public static final Setting<Integer> EPOCHS = SETTINGS.add(Setting.of("epochs", ValueType.WHOLE, 8)
            .label("Epochs").range(Range.atLeast(1)).description("Passes over the training split"));
    public static final Setting<Integer> BATCH_SIZE = SETTINGS.add(Setting.of("batch_size", ValueType.WHOLE, 128)
            .label("Batch size").options("--batch").range(Range.atLeast(1)).description("Images per step"));
    public static final Setting<OptimizerKind> OPTIMIZER = SETTINGS.add(Setting.of("optimizer",
                    ValueType.choice(OptimizerKind.class), OptimizerKind.ADAM)
            .label("Optimiser").description("Adam, or SGD with momentum"));
    public static final Setting<Double> LEARNING_RATE = SETTINGS.add(Setting.of("learning_rate", ValueType.REAL,
                    1e-3)
            .label("Learning rate").options("--lr").range(Range.above(0)).description("The initial learning rate"));
    public static final Setting<Double> MOMENTUM = SETTINGS.add(Setting.of("momentum", ValueType.REAL, 0.9)
            .label("Momentum").range(Range.atLeast(0.0)).description("SGD momentum (Adam ignores it)"));
    public static final Setting<Double> WEIGHT_DECAY = SETTINGS.add(Setting.of("weight_decay", ValueType.REAL, 0.0)
            .label("Weight decay").range(Range.atLeast(0.0)).description("L2 penalty added to the gradient"));
    public static final Setting<Boolean> COSINE_SCHEDULE = SETTINGS.add(Setting.of("schedule",
                    ValueType.flag("cosine", "constant"), false)
            .label("Cosine schedule").options("--cosine")
            .description("Decay the learning rate to zero along a cosine instead of keeping it constant"));
    public static final Setting<Boolean> AUGMENT = SETTINGS.add(Setting.of("augment", ValueType.FLAG, false)
            .label("Augment").description("Random horizontal flips and shifts of up to two pixels"));
    public static final Setting<Long> SEED = SETTINGS.add(Setting.of("seed", ValueType.LONG, 42L)
            .label("Seed").description("Seeds initialisation, shuffling and augmentation"));

    private static final TrainingConfig DEFAULTS = SETTINGS.defaults();

    private TrainingConfig(SettingValues values) {
        super(SETTINGS, values);
    }

    public static TrainingConfig defaults() {
        return DEFAULTS;
    }

    /** Settings to set, starting from the defaults. */
    public static SettingsBuilder<TrainingConfig> builder() {
        return SETTINGS.builder();
    }

    public int epochs() {
        return get(EPOCHS);
    }

    public int batchSize() {
        return get(BATCH_SIZE);
    }

    public OptimizerKind optimizer() {
        return get(OPTIMIZER);
    }

    public double learningRate() {
        return get(LEARNING_RATE);
    }

    public double momentum() {
        return get(MOMENTUM);
    }

    public double weightDecay() {
        return get(WEIGHT_DECAY);
    }

    public boolean cosineSchedule() {
        return get(COSINE_SCHEDULE);
    }

    public boolean augment() {
        return get(AUGMENT);
    }

    public long seed() {
        return get(SEED);
    }
}
