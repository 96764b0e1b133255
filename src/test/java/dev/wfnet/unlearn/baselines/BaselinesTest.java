package dev.wfnet.unlearn.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.WfnetException;
import dev.wfnet.data.DatasetSplits;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.io.Hashing;
import dev.wfnet.io.HostTensor;
import dev.wfnet.io.Provenance;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.jobs.Progress;
import dev.wfnet.model.Classifier;
import dev.wfnet.model.LoadedModel;
import dev.wfnet.model.ModelCheckpoint;
import dev.wfnet.model.ParameterSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every baseline on the tiny memorising MLP, forgetting Shirt (the class it confuses most with its
 * neighbours, so a few steps show): each must make the class's test images less recognised. And
 * Retrain's cache: a second Retrain of the same task is the stored model, by hash.
 */
class BaselinesTest {
    private static final CancellationToken NONE = CancellationToken.none();
    private static final int SHIRT = 6;
    /**
     * The defaults are sized for 6,000 images a class (one FT epoch is 211 steps of 256 on
     * Fashion-MNIST); here a class has 60, so batches are the tiny recipe's 50 and FT and GA get as
     * many steps as it takes on this scale.
     */
    private static final BaselineSettings SETTINGS = BaselineSettings.defaults().with("ft.batch", "50")
            .with("ga.batch", "50").with("rl.batch", "50").with("salun.batch", "50").with("ft.epochs", "10")
            .with("ft.lr", "0.05").with("ga.epochs", "5").with("ga.lr", "0.005");
    private static LoadedModel original;
    private static DatasetSplits data;
    private static double originalForgetAccuracy;

    @BeforeAll
    static void fixture() throws Exception {
        original = TinyMlp.memoriser();
        data = TinyMlp.data();
        originalForgetAccuracy = forgetAccuracy(original.weights());
    }

    @ParameterizedTest
    @EnumSource(Baseline.class)
    void eachBaselineMakesTheClassLessRecognised(Baseline baseline) throws Exception {
        List<Progress> progress = new ArrayList<>();
        try (UnlearnedModel unlearned = Baselines.run(baseline, new UnlearningTask(original, data, SHIRT),
                SETTINGS, 0, null, progress::add, NONE)) {
            double after = forgetAccuracy(unlearned);
            double retained = retainedAccuracy(unlearned);
            System.out.printf("%s: forget-class test accuracy %.3f -> %.3f, retained %.3f, %d progress records, "
                    + "%.2f s, %s%n", baseline, originalForgetAccuracy, after, retained, progress.size(),
                    unlearned.seconds(), unlearned.settings());
            assertTrue(after < originalForgetAccuracy - 0.2, baseline + ": " + originalForgetAccuracy + " -> " + after);
            assertTrue(progress.size() > 0);
        }
    }

    @Test
    void gradientAscentThatBlowsUpEndsEarlyWithTheLastFiniteWeights() throws Exception {
        BaselineSettings explosive = SETTINGS.with("ga.lr", "1000").with("ga.epochs", "50");
        try (UnlearnedModel unlearned = Baselines.run(Baseline.GA, new UnlearningTask(original, data, SHIRT),
                explosive, 0, null, p -> { }, NONE)) {
            String ran = unlearned.settings().get("ga.steps_run");
            assertTrue(ran.endsWith("(stopped: the forget set's cross-entropy overflowed)"), ran);
            for (HostTensor tensor : unlearned.weights().toHost().values()) {
                for (float value : tensor.data()) {
                    assertTrue(Float.isFinite(value), ran);
                }
            }
            // the model still answers: every test image gets finite probabilities
            for (float[] probabilities : new dev.wfnet.model.Classifier(original.architecture(), unlearned.weights(),
                    original.checkpoint().normalization(), unlearned.manager())
                    .probabilities(data.test(), NONE)) {
                for (float p : probabilities) {
                    assertTrue(Float.isFinite(p), ran);
                }
            }
        }
    }

    @Test
    void aSecondRetrainOfTheSameTaskIsTheStoredModelByHash(@TempDir Path directory) throws Exception {
        RetrainCache cache = new RetrainCache(directory);
        UnlearningTask task = new UnlearningTask(original, data, SHIRT);
        BaselineSettings quick = SETTINGS.with("retrain.epochs", "3");
        String sha;
        double seconds;
        Map<String, HostTensor> trained;
        try (UnlearnedModel first = Baselines.run(Baseline.RETRAIN, task, quick, 4, cache, p -> { }, NONE)) {
            assertEquals("false", first.settings().get("retrain.cached"));
            assertEquals("3", first.settings().get("retrain.epochs"));
            sha = first.settings().get("retrain.model_sha256");
            seconds = first.seconds();
            trained = first.weights().toHost();
        }
        List<Path> stored;
        try (var files = Files.list(directory)) {
            stored = files.filter(f -> f.toString().endsWith(".safetensors")).toList();
        }
        assertEquals(1, stored.size());
        assertEquals(Hashing.sha256(stored.get(0)), sha, "the recorded hash is the stored file's");
        List<Progress> progress = new ArrayList<>();
        try (UnlearnedModel second = Baselines.run(Baseline.RETRAIN, task, quick, 4, cache, progress::add, NONE)) {
            assertEquals("true", second.settings().get("retrain.cached"));
            assertEquals(sha, second.settings().get("retrain.model_sha256"));
            assertEquals(seconds, second.seconds(), 0.0, "the stored training time, not the time to load");
            assertTrue(progress.isEmpty(), "nothing was trained again");
            Map<String, HostTensor> loaded = second.weights().toHost();
            trained.forEach((name, tensor) -> assertArrayEquals(tensor.data(), loaded.get(name).data(), name));
        }
        try (UnlearnedModel otherSeed = Baselines.run(Baseline.RETRAIN, task, quick, 5, cache, p -> { }, NONE)) {
            assertEquals("false", otherSeed.settings().get("retrain.cached"), "another seed is another model");
        }
        // a stored file that no longer has its recorded hash is not used: the model is trained again
        byte[] bytes = Files.readAllBytes(stored.get(0));
        bytes[bytes.length - 1] ^= 1;
        Files.write(stored.get(0), bytes);
        try (UnlearnedModel retrained = Baselines.run(Baseline.RETRAIN, task, quick, 4, cache, p -> { }, NONE)) {
            assertEquals("false", retrained.settings().get("retrain.cached"));
            assertEquals(Hashing.sha256(stored.get(0)), retrained.settings().get("retrain.model_sha256"));
        }
    }

    @Test
    void retrainRefusesAModelWithoutATrainingRecipe() throws Exception {
        ModelCheckpoint checkpoint = original.checkpoint();
        Provenance imported = new Provenance("import", Map.of(), 0, Map.of(), Map.of(), Instant.EPOCH, 0);
        try (LoadedModel model = LoadedModel.of(new ModelCheckpoint(checkpoint.architecture(),
                checkpoint.inputShape(), checkpoint.normalization(), checkpoint.classNames(), checkpoint.tensors(),
                imported), "0".repeat(64), "imported")) {
            WfnetException refused = assertThrows(WfnetException.class, () -> Baselines.run(Baseline.RETRAIN,
                    new UnlearningTask(model, data, SHIRT), SETTINGS, 0, null, p -> { }, NONE));
            assertTrue(refused.getMessage().contains("holds no training recipe"), refused.getMessage());
        }
    }

    private static double forgetAccuracy(ParameterSource weights) throws Exception {
        return accuracy(weights, true);
    }

    private static double retainedAccuracy(ParameterSource weights) throws Exception {
        return accuracy(weights, false);
    }

    private static double accuracy(ParameterSource weights, boolean forgetClass) throws Exception {
        ImageDataset test = data.test();
        int[] images = IntStream.range(0, test.size()).filter(i -> (test.label(i) == SHIRT) == forgetClass)
                .toArray();
        ImageDataset subset = test.subset("part", images);
        return new Classifier(original.architecture(), weights, original.checkpoint().normalization(),
                original.manager()).accuracy(subset, NONE);
    }
}
