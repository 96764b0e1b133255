package dev.wfnet.unlearn.baselines;

import dev.wfnet.WfnetException;
import dev.wfnet.model.ModelCheckpoint;
import dev.wfnet.model.TrainingConfig;
import dev.wfnet.settings.Setting;
import dev.wfnet.settings.SettingsBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The recipe a base model was trained with, read back from its provenance (what
 * {@code wfnet pretrain} records through {@link TrainingConfig#describe()}), so Retrain repeats
 * it exactly without the forgotten class. A model trained elsewhere (imported from PyTorch or
 * Keras) records none: its recipe is given as settings ({@code --set retrain.epochs=...}), the
 * ones not given taking {@code wfnet pretrain}'s defaults.
 */
final class TrainingRecipe {

    private TrainingRecipe() {
    }

    /**
     * The recipe Retrain runs with: the model's own (or, without one, {@code wfnet pretrain}'s
     * defaults) with the given settings replaced, and the run's seed.
     *
     * @param replaced settings by key ("epochs", "optimizer"), already checked to be valid values
     * @throws WfnetException when the model records no recipe and no epochs are given
     */
    static TrainingConfig forRetrain(ModelCheckpoint checkpoint, Map<String, String> replaced, long seed)
            throws WfnetException {
        Optional<TrainingConfig> own = of(checkpoint);
        if (own.isEmpty() && !replaced.containsKey(TrainingConfig.EPOCHS.key())) {
            throw new WfnetException("the model's provenance holds no training recipe (it was not made by wfnet "
                    + "pretrain), so Retrain cannot repeat its training: give the recipe it was trained with, at "
                    + "least --set retrain.epochs=N (and " + givable().stream()
                    .filter(setting -> setting != TrainingConfig.EPOCHS).map(setting -> "retrain." + setting.key())
                    .collect(Collectors.joining(", ")) + "; the others take wfnet pretrain's defaults), or leave "
                    + "retrain out of the methods");
        }
        SettingsBuilder<TrainingConfig> recipe = own.orElse(TrainingConfig.defaults()).toBuilder();
        replaced.forEach((key, value) -> recipe.parse(TrainingConfig.SETTINGS.setting(key), value));
        return recipe.set(TrainingConfig.SEED, seed).build();
    }

    /** The training settings Retrain can be given: every {@code wfnet pretrain} setting but the seed, the run's. */
    static List<Setting<?>> givable() {
        return TrainingConfig.SETTINGS.settings().stream().filter(setting -> setting != TrainingConfig.SEED).toList();
    }

    /** The recipe, or empty if the model was not trained by the workbench (an imported one, say). */
    static Optional<TrainingConfig> of(ModelCheckpoint checkpoint) {
        Map<String, String> c = checkpoint.provenance().configuration();
        if (!"pretrain".equals(checkpoint.provenance().command()) || !c.containsKey("epochs")) {
            return Optional.empty();
        }
        try {
            // the seed as the provenance records it for the run
            return Optional.of(TrainingConfig.SETTINGS.parse(c).with(TrainingConfig.SEED,
                    checkpoint.provenance().seed()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
