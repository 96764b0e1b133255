package dev.wfnet.unlearn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.settings.InvalidSettingException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UntrainConfigTest {
    /** The "config" object of sample-models/small-cnn-bank.safetensors, as that file holds it. */
    private static Map<String, String> sampleBankConfig() {
        Map<String, String> map = new HashMap<>();
        map.putAll(Map.of("B", "64", "T", "2", "biases", "false", "checkpoint_every", "0", "classes", "all",
                "eps", "1.0E-6", "filtered", "weights", "granularity", "weight", "l0", "120.0", "l1", "1.0"));
        map.putAll(Map.of("l2", "1.0", "layers", "", "lr", "0.03", "norms", "false", "retain_target", "labels",
                "schedule", "cosine", "seed", "0", "snapshot_every", "0", "steps", "3000",
                "validation_per_class", "100"));
        return map;
    }

    @Test
    void theSampleBanksSettingsReadAsTheCommandThatMadeThem() {
        // sample-models/README.md: --batch 64 --lr 0.03 --cosine --steps 3000 --l0 120 --snapshot-every 0
        // --checkpoint-every 0
        UntrainConfig read = UntrainConfig.parse(sampleBankConfig());
        UntrainConfig expected = UntrainConfig.paperReference().set(UntrainConfig.BATCH_SIZE, 64)
                .set(UntrainConfig.LEARNING_RATE, 0.03).set(UntrainConfig.COSINE_SCHEDULE, true)
                .set(UntrainConfig.STEPS, 3000).set(UntrainConfig.RETAIN_WEIGHT, 120.0)
                .set(UntrainConfig.SNAPSHOT_EVERY, 0).set(UntrainConfig.CHECKPOINT_EVERY, 0)
                .set(UntrainConfig.VALIDATION_PER_CLASS, 100).build();
        assertEquals(expected, read, "settings the bank predates read as what its round did: the paper's");
        assertEquals(64, read.batchSize());
        assertEquals(120.0, read.retainWeight());
        assertEquals(true, read.cosineSchedule());
        assertArrayEquals(new int[0], read.classes());
        assertEquals(LayerSelection.defaults(), read.selection());
        Map<String, String> written = read.describe();
        sampleBankConfig().forEach((key, text) -> assertEquals(text, written.get(key), key + " written back as read"));
        assertEquals(read, UntrainConfig.parse(written));
    }

    @Test
    void aBankWrittenBeforeTheRetainTargetExistedReadsAsThePapersLabels() {
        Map<String, String> older = sampleBankConfig();
        older.remove("retain_target");
        assertEquals(RetainTarget.LABELS, UntrainConfig.parse(older).retainTarget());
    }

    @Test
    void describeKeepsTheBankFormatsKeys() {
        assertEquals(Set.of("classes", "granularity", "filtered", "biases", "norms", "layers", "l0", "l1", "l2", "eps",
                "T", "B", "lr", "schedule", "steps", "seed", "snapshot_every", "checkpoint_every",
                "validation_per_class", "retain_target", "max_minutes", "run_all_steps", "target_acc_f",
                "target_drop", "forget_loss", "optimizer", "sampling", "compose"),
                UntrainConfig.defaults().describe().keySet());
    }

    @Test
    void classesAndLayersRoundTripInTheirTextForm() {
        UntrainConfig config = UntrainConfig.builder().set(UntrainConfig.CLASSES, List.of(1, 3, 8))
                .set(UntrainConfig.LAYERS, List.of("conv2", "fc2")).set(UntrainConfig.NORMS, true).build();
        assertEquals("[1, 3, 8]", config.describe().get("classes"));
        assertEquals("conv2,fc2", config.describe().get("layers"));
        assertEquals("weights+norms in [conv2, fc2]", config.describe().get("filtered"));
        assertEquals(config, UntrainConfig.parse(config.describe()));
        assertArrayEquals(new int[] {1, 3, 8}, config.bankClasses(10));
        assertArrayEquals(new int[] {0, 1, 2}, UntrainConfig.defaults().bankClasses(3));
    }

    @Test
    void theDefaultsStopOnTargetsWithTheBoundedLossRowAdamAndStratifiedBatches() {
        UntrainConfig defaults = UntrainConfig.defaults();
        assertEquals(List.of(1.0, 1.0, 1.0, 3e-3), List.of(defaults.retainWeight(), defaults.forgetWeight(),
                defaults.sparsityWeight(), defaults.learningRate()));
        assertEquals(List.of(2, 128, 1000), List.of(defaults.copies(), defaults.batchSize(), defaults.steps()));
        assertEquals(List.of(ForgetLoss.LOG_COMPLEMENT, AlphaOptimizer.ROW_ADAM, BatchSampling.STRATIFIED),
                List.of(defaults.forgetLoss(), defaults.optimizer(), defaults.sampling()));
        assertEquals(List.of(0.01, 0.01, 25), List.of(defaults.targetForgetAccuracy(), defaults.targetDrop(),
                defaults.snapshotEvery()));
        assertTrue(defaults.stopOnTargets());
        assertEquals(Granularity.WEIGHT, defaults.granularity());
        assertEquals(RetainTarget.LABELS, defaults.retainTarget());
    }

    @Test
    void thePapersReferenceRunIsOneCallAway() {
        UntrainConfig paper = UntrainConfig.paperReference().build();
        assertEquals(List.of(1.0, 1.0, 1.0, 1e-6, 1e-2), List.of(paper.retainWeight(), paper.forgetWeight(),
                paper.sparsityWeight(), paper.epsilon(), paper.learningRate()));
        assertEquals(List.of(2, 128, 400), List.of(paper.copies(), paper.batchSize(), paper.steps()));
        assertEquals(List.of(ForgetLoss.INVERSE, AlphaOptimizer.ADAM, BatchSampling.PAPER),
                List.of(paper.forgetLoss(), paper.optimizer(), paper.sampling()));
        assertFalse(paper.stopOnTargets());
    }

    @Test
    void aBadValueNamesItsSettingAndRange() {
        assertEquals("Batch size must be a whole number that is even and at least 2, not '7'",
                assertThrows(InvalidSettingException.class, () -> UntrainConfig.defaults()
                        .with(UntrainConfig.BATCH_SIZE, 7)).getMessage());
        Map<String, String> bad = sampleBankConfig();
        bad.put("eps", "0");
        assertEquals("eps must be a number above 0, not '0'",
                assertThrows(InvalidSettingException.class, () -> UntrainConfig.parse(bad)).getMessage());
    }

    @Test
    void theLearningRateFollowsTheSchedule() {
        UntrainConfig cosine = UntrainConfig.paperReference().build().with(UntrainConfig.COSINE_SCHEDULE, true);
        assertEquals(1e-2, cosine.learningRateAt(0), 1e-15);
        assertEquals(0.5e-2, cosine.learningRateAt(200), 1e-15);
        assertEquals(3e-3, UntrainConfig.defaults().learningRateAt(200));
    }
}
