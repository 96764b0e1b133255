package dev.wfnet.unlearn.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageShape;
import dev.wfnet.data.Normalization;
import dev.wfnet.io.Provenance;
import dev.wfnet.model.ArchitectureSpec;
import dev.wfnet.model.ModelCheckpoint;
import dev.wfnet.model.TrainingConfig;
import dev.wfnet.model.TrainingConfig.OptimizerKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Retrain's recipe: the model's own, or for an imported model the one given as settings. */
class TrainingRecipeTest {

    private static ModelCheckpoint made(String command, Map<String, String> configuration) {
        Provenance provenance = new Provenance(command, Map.of(), 7, configuration, Map.of(), Instant.EPOCH, 1.0);
        return new ModelCheckpoint(ArchitectureSpec.of("mlp", Map.of()), new ImageShape(1, 28, 28),
                Normalization.fashionMnist(), List.of("a", "b"), Map.of(), provenance);
    }

    private static final ModelCheckpoint PRETRAINED = made("pretrain", Map.of("epochs", "10", "optimizer", "sgd",
            "learning_rate", "0.05", "batch_size", "64"));
    private static final ModelCheckpoint IMPORTED = made("import", Map.of());

    @Test
    void theModelsOwnRecipeWithTheRunsSeed() throws Exception {
        TrainingConfig recipe = TrainingRecipe.forRetrain(PRETRAINED, Map.of(), 3);
        assertEquals(10, recipe.epochs());
        assertEquals(OptimizerKind.SGD, recipe.get(TrainingConfig.OPTIMIZER));
        assertEquals(0.05, recipe.get(TrainingConfig.LEARNING_RATE));
        assertEquals(64, recipe.get(TrainingConfig.BATCH_SIZE));
        assertEquals(3L, recipe.get(TrainingConfig.SEED));
    }

    @Test
    void givenSettingsReplaceOnlyThemselves() throws Exception {
        TrainingConfig recipe = TrainingRecipe.forRetrain(PRETRAINED, Map.of("epochs", "2"), 0);
        assertEquals(2, recipe.epochs());
        assertEquals(0.05, recipe.get(TrainingConfig.LEARNING_RATE));
    }

    @Test
    void anImportedModelNeedsItsRecipeGiven() throws Exception {
        WfnetException missing = assertThrows(WfnetException.class,
                () -> TrainingRecipe.forRetrain(IMPORTED, Map.of("optimizer", "sgd"), 0));
        assertTrue(missing.getMessage().contains("holds no training recipe")
                && missing.getMessage().contains("--set retrain.epochs=N"), missing.getMessage());
        TrainingConfig recipe = TrainingRecipe.forRetrain(IMPORTED, Map.of("epochs", "12", "optimizer", "sgd"), 5);
        assertEquals(12, recipe.epochs());
        assertEquals(OptimizerKind.SGD, recipe.get(TrainingConfig.OPTIMIZER));
        assertEquals(TrainingConfig.defaults().get(TrainingConfig.LEARNING_RATE),
                recipe.get(TrainingConfig.LEARNING_RATE), "what is not given is wfnet pretrain's default");
        assertEquals(5L, recipe.get(TrainingConfig.SEED));
    }
}
