package dev.wfnet.unlearn.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.settings.InvalidSettingException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Baseline settings by key, one at a time or as the text the Compare view takes. */
class BaselineSettingsTest {

    @Test
    void retrainSettingsAreCheckedWhenGivenAndDescribedForTheRows() {
        BaselineSettings settings = BaselineSettings.defaults();
        assertEquals(Map.of("retrain.epochs", "the base model's"), settings.describe(Baseline.RETRAIN));
        BaselineSettings given = settings.with("retrain.optimizer", "sgd").with("retrain.epochs", "12");
        assertEquals(Map.of("retrain.epochs", "12", "retrain.optimizer", "sgd"), given.describe(Baseline.RETRAIN));
        InvalidSettingException bad = assertThrows(InvalidSettingException.class,
                () -> settings.with("retrain.optimizer", "rmsprop"));
        assertTrue(bad.getMessage().contains("rmsprop"), bad.getMessage());
        IllegalArgumentException seed = assertThrows(IllegalArgumentException.class,
                () -> settings.with("retrain.seed", "3"));
        assertTrue(seed.getMessage().startsWith("unknown setting 'retrain.seed'"), seed.getMessage());
        assertThrows(InvalidSettingException.class, () -> settings.with("retrain.epochs", "0"));
    }

    @Test
    void aTextOfSettingsIsAppliedPartByPart() {
        BaselineSettings settings = BaselineSettings.defaults()
                .withAll(" retrain.epochs=10, ft.lr=0.02  salun.fraction=0.3 ");
        assertEquals(Map.of("epochs", "10"), settings.retrainRecipe());
        assertEquals(0.02, settings.ft().learningRate());
        assertEquals(0.3, settings.salunFraction());
        assertEquals(BaselineSettings.defaults().ga(), settings.ga());
        assertEquals(BaselineSettings.defaults(), BaselineSettings.defaults().withAll("  "));
    }

    @Test
    void aBadPartOfTheTextIsNamed() {
        IllegalArgumentException noValue = assertThrows(IllegalArgumentException.class,
                () -> BaselineSettings.defaults().withAll("ft.lr=0.02 retrain.epochs"));
        assertEquals("'retrain.epochs' is not METHOD.KEY=VALUE, e.g. retrain.epochs=10", noValue.getMessage());
        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
                () -> BaselineSettings.defaults().withAll("ft.lr=fast"));
        assertEquals("ft.lr needs a number, not 'fast'", notANumber.getMessage());
    }
}
