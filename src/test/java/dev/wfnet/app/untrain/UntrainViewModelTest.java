package dev.wfnet.app.untrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.app.SampleFiles;
import dev.wfnet.app.SampleWorkspace;
import dev.wfnet.app.background.DirectJobRunner;
import dev.wfnet.unlearn.BankCheckpoint;
import dev.wfnet.unlearn.Granularity;
import dev.wfnet.unlearn.RetainTarget;
import dev.wfnet.unlearn.UntrainConfig;
import dev.wfnet.unlearn.UntrainingJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class UntrainViewModelTest {
    @RegisterExtension
    final SampleWorkspace sample = new SampleWorkspace();
    private UntrainViewModel model;
    @TempDir
    Path folder;

    @BeforeEach
    void open() {
        model = new UntrainViewModel(sample.workspace(), new DirectJobRunner(), sample.errors());
    }

    private void set(String key, String text) {
        model.form().field(key).textProperty().set(text);
    }

    /** A run of a few small steps with snapshots on a few images, so the test takes seconds. */
    private void shortRun(int steps, int snapshotEvery, int checkpointEvery) {
        set("steps", Integer.toString(steps));
        set("B", "16");
        set("snapshot_every", Integer.toString(snapshotEvery));
        set("checkpoint_every", Integer.toString(checkpointEvery));
        set("validation_per_class", "5");
        // filter granularity keeps the bank and its checkpoints small, so the files are written fast
        model.form().field(UntrainConfig.GRANULARITY).set(Granularity.FILTER);
        model.form().outputProperty().set(folder.resolve("bank.safetensors").toString());
    }

    @Test
    void badValuesAreRefusedWithAMessageAndStartIsDisabled() {
        assertTrue(model.canStartProperty().get());
        set("steps", "0");
        set("lr", "NaN");
        set("B", "7");
        set("l0", "-1");
        set("seed", "x");
        assertEquals(String.join("\n",
                "Max steps must be a whole number of at least 1, not '0'",
                "Batch size must be a whole number that is even and at least 2, not '7'",
                "Learning rate must be a number above 0, not 'NaN'",
                "Seed must be a whole number, not 'x'",
                "Retain weight (l0) must be a number of at least 0, not '-1'"), model.form().problemsProperty().get());
        assertFalse(model.canStartProperty().get());
        model.start();
        assertFalse(model.runningProperty().get());
    }

    @Test
    void noClassOrLayerCheckedIsRefused() {
        model.form().classes().forEach(item -> item.checked().set(false));
        model.form().layers().forEach(item -> item.checked().set(false));
        model.form().outputProperty().set("bank.npz");
        assertEquals("Check at least one class to forget\nCheck at least one layer to filter\n"
                + "The output bank must be a .safetensors file", model.form().problemsProperty().get());
        assertFalse(model.canStartProperty().get());
    }

    @Test
    void theFormBuildsTheConfigItShows() {
        assertEquals(UntrainConfig.defaults(), model.form().toConfig());
        assertEquals(List.of("conv1", "conv2", "fc1", "fc2"), model.form().layers().stream().map(CheckItem::key)
                .toList());
        set("steps", "40");
        set("B", "64");
        set("lr", "0.02");
        set("l0", "2");
        set("l1", "0.5");
        set("l2", "0");
        set("eps", "1e-4");
        set("T", "3");
        set("seed", "7");
        set("snapshot_every", "10");
        set("checkpoint_every", "20");
        set("validation_per_class", "30");
        model.form().field(UntrainConfig.COSINE_SCHEDULE).set(true);
        model.form().field(UntrainConfig.GRANULARITY).set(Granularity.FILTER);
        model.form().field(UntrainConfig.BIASES).set(true);
        model.form().field(UntrainConfig.RETAIN_TARGET).set(RetainTarget.ORIGINAL);
        model.form().classes().get(0).checked().set(false);
        model.form().layers().get(3).checked().set(false);
        UntrainConfig expected = UntrainConfig.builder().set(UntrainConfig.CLASSES, List.of(1, 2, 3, 4, 5, 6, 7, 8, 9))
                .set(UntrainConfig.GRANULARITY, Granularity.FILTER).set(UntrainConfig.BIASES, true)
                .set(UntrainConfig.LAYERS, List.of("conv1", "conv2", "fc1")).set(UntrainConfig.RETAIN_WEIGHT, 2.0)
                .set(UntrainConfig.FORGET_WEIGHT, 0.5).set(UntrainConfig.SPARSITY_WEIGHT, 0.0)
                .set(UntrainConfig.EPSILON, 1e-4).set(UntrainConfig.COPIES, 3).set(UntrainConfig.BATCH_SIZE, 64)
                .set(UntrainConfig.LEARNING_RATE, 0.02).set(UntrainConfig.COSINE_SCHEDULE, true)
                .set(UntrainConfig.STEPS, 40).set(UntrainConfig.SEED, 7L).set(UntrainConfig.SNAPSHOT_EVERY, 10)
                .set(UntrainConfig.CHECKPOINT_EVERY, 20).set(UntrainConfig.VALIDATION_PER_CLASS, 30)
                .set(UntrainConfig.RETAIN_TARGET, RetainTarget.ORIGINAL).build();
        assertEquals(expected, model.form().toConfig());

        UntrainForm restored = new UntrainForm();
        restored.showModel(sample.workspace().current());
        restored.restore(model.form().toJson());
        assertEquals(expected, restored.toConfig());
    }

    @Test
    void aSessionOfTheEarlierFormRestoresAndAChoiceThatIsNoValueIsRefused() {
        // the form wrote enum names and JSON booleans before its fields came from the settings
        UntrainForm form = model.form();
        form.restore(com.google.gson.JsonParser.parseString("{\"steps\": \"12\", \"schedule\": \"COSINE\", "
                + "\"granularity\": \"FILTER\", \"retain_target\": \"ORIGINAL\", \"biases\": true, "
                + "\"classes\": [\"2\", \"4\"]}").getAsJsonObject());
        UntrainConfig config = form.toConfig();
        assertEquals(UntrainConfig.defaults().toBuilder().set(UntrainConfig.STEPS, 12)
                .set(UntrainConfig.COSINE_SCHEDULE, true).set(UntrainConfig.GRANULARITY, Granularity.FILTER)
                .set(UntrainConfig.RETAIN_TARGET, RetainTarget.ORIGINAL).set(UntrainConfig.BIASES, true)
                .set(UntrainConfig.CLASSES, List.of(2, 4)).build(), config);
        assertEquals("cosine", form.field(UntrainConfig.COSINE_SCHEDULE).textProperty().get());

        com.google.gson.JsonObject unreadable = new com.google.gson.JsonObject();
        unreadable.addProperty("granularity", "NEURON");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> form.restore(unreadable));
        assertEquals("Granularity must be one of weight, filter, not 'NEURON'", e.getMessage());
        assertEquals(Granularity.FILTER, form.field(UntrainConfig.GRANULARITY).value(), "left as it was");
    }

    @Test
    void aShortRunDrawsTheCurvesAndAdoptsTheBank() throws Exception {
        shortRun(4, 2, 2);
        model.start();
        assertEquals(List.of(), sample.errors().messages);
        assertFalse(model.runningProperty().get());
        assertFalse(sample.workspace().modelInUseProperty().get());
        TrainingCurves curves = model.curves();
        for (String term : TrainingCurves.LOSS_TERMS) {
            assertEquals(4, curves.lossPoints(term), term);
        }
        assertEquals(2, curves.snapshots().size());
        assertEquals(2 * 10 * 2, curves.snapshotPoints(), "ACC_f and ACC_r of 10 classes at steps 2 and 4");
        assertEquals(5, curves.stepsCsv().lines().count());
        assertEquals(1 + 2 * 10, curves.snapshotsCsv().lines().count());
        Path bank = folder.resolve("bank.safetensors");
        assertEquals(bank, sample.workspace().current().bank().orElseThrow().file());
        assertEquals(4, sample.workspace().current().bank().orElseThrow().checkpoint().step());
        assertFalse(BankCheckpoint.read(bank).resumable(), "the bank keeps no optimiser state");
        assertTrue(model.messageProperty().get().startsWith("Done: 4 steps"), model.messageProperty().get());
        assertEquals(1.0, model.progressProperty().get());
    }

    @Test
    void cancelKeepsTheCheckpointAndResumeCompletesIt() throws Exception {
        shortRun(6, 0, 2);
        javafx.beans.value.ChangeListener<Number> cancelAtThree = (property, before, now) -> {
            if (now.doubleValue() >= 0.5) {
                model.cancel();
            }
        };
        model.progressProperty().addListener(cancelAtThree);
        model.start();
        model.progressProperty().removeListener(cancelAtThree);
        Path checkpoint = UntrainingJob.checkpointFileFor(folder.resolve("bank.safetensors"));
        assertTrue(model.messageProperty().get().startsWith("Cancelled after step 3. The checkpoint of step 2 is "
                + "kept in " + checkpoint + ": press Resume"), model.messageProperty().get());
        assertEquals(2, BankCheckpoint.read(checkpoint).step());
        assertTrue(model.resumableProperty().get());
        assertTrue(sample.workspace().current().bank().orElseThrow().file().endsWith("small-cnn-bank.safetensors"));
        assertFalse(sample.workspace().modelInUseProperty().get());

        model.resumeLast();
        assertEquals(List.of(), sample.errors().messages);
        assertEquals(6, sample.workspace().current().bank().orElseThrow().checkpoint().step());
        assertTrue(model.messageProperty().get().startsWith("Done: 6 steps (3-6 in this run)"),
                model.messageProperty().get());
        assertEquals(6, model.curves().lossPoints("loss"), "steps 3.. were run again and replace their points");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), model.curves().steps().stream()
                .map(dev.wfnet.jobs.Progress::step).toList());
    }

    @Test
    void resumingFromAFileThatIsNotACheckpointShowsTheDomainMessage() {
        model.resumeFrom(SampleFiles.MODEL);
        assertEquals(1, sample.errors().messages.size());
        assertTrue(sample.errors().messages.get(0).startsWith("Untraining: "), sample.errors().messages.get(0));
        assertTrue(sample.errors().messages.get(0).contains("not a WF-Net bank"), sample.errors().messages.get(0));
        assertFalse(model.runningProperty().get());
        assertFalse(sample.workspace().modelInUseProperty().get());
        assertTrue(model.canStartProperty().get());
    }
}
