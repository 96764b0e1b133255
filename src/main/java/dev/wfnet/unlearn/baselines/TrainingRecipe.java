package dev.wfnet.unlearn.baselines;

import dev.wfnet.model.ModelCheckpoint;
import dev.wfnet.model.TrainingConfig;
import java.util.Locale;
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
            return Optional.of(new TrainingConfig(Integer.parseInt(c.get("epochs")),
                    Integer.parseInt(c.get("batch_size")),
                    TrainingConfig.OptimizerKind.valueOf(c.get("optimizer").toUpperCase(Locale.ROOT)),
                    Double.parseDouble(c.get("learning_rate")), Double.parseDouble(c.get("momentum")),
                    Double.parseDouble(c.get("weight_decay")), "cosine".equals(c.get("schedule")),
                    Boolean.parseBoolean(c.get("augment")), checkpoint.provenance().seed()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
