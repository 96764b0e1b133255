package dev.wfnet.unlearn.baselines;

import dev.wfnet.model.ModelCheckpoint;
import dev.wfnet.model.TrainingConfig;
import java.util.Map;
import java.util.Optional;

/**
 * The recipe a base model was trained with, read back from its provenance (what
 * {@code wfnet pretrain} records through {@link TrainingConfig#describe()}), so Retrain repeats
 * it exactly without the forgotten class.
 */
final class TrainingRecipe {

    private TrainingRecipe() {
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
