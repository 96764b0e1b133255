package dev.wfnet.unlearn;

import dev.wfnet.settings.SettingsBuilder;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.WfnetException;
import dev.wfnet.data.DatasetSplits;
import dev.wfnet.io.HostTensor;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.jobs.JobCancelledException;
import dev.wfnet.jobs.Progress;
import dev.wfnet.model.LoadedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real untraining rounds on a small-cnn trained on the bundled Fashion-MNIST subset: the clamp holds,
 * a cancelled and resumed run repeats an uninterrupted one bit for bit, so does a run while the
 * garbage collector runs constantly, a non-finite loss or gradient stops the run without touching
 * an existing checkpoint, and resumes and memory are checked before any work.
 */
class UntrainingJobTest {
    private static LoadedModel model;
    private static DatasetSplits data;

    @TempDir
    Path dir;

    @BeforeAll
    static void baseModel() throws Exception {
        FashionBaseModel.Trained trained = FashionBaseModel.get();
        model = trained.model();
        data = trained.data();
    }

    /** Classes 1, 3, 8 at weight granularity, T = 2, lr 1e-2, no snapshots. */
    private static UntrainConfig config(int steps, int batch, int checkpointEvery, double forgetWeight) {
        return small().set(UntrainConfig.CLASSES, List.of(1, 3, 8)).set(UntrainConfig.FORGET_WEIGHT, forgetWeight)
                .set(UntrainConfig.BATCH_SIZE, batch).set(UntrainConfig.STEPS, steps).set(UntrainConfig.SEED, 11L)
                .set(UntrainConfig.CHECKPOINT_EVERY, checkpointEvery).build();
    }

    /** The paper's settings, no snapshots, no intermediate checkpoints, 20 validation images per class. */
    private static SettingsBuilder<UntrainConfig> small() {
        return UntrainConfig.paperReference().set(UntrainConfig.SNAPSHOT_EVERY, 0).set(UntrainConfig.CHECKPOINT_EVERY, 0)
                .set(UntrainConfig.VALIDATION_PER_CLASS, 20);
    }

    private static void assertBitsEqual(String what, Map<String, HostTensor> expected, Map<String, HostTensor> actual) {
        assertEquals(expected.keySet(), actual.keySet(), what + ": tensors");
        for (Map.Entry<String, HostTensor> entry : expected.entrySet()) {
            float[] a = entry.getValue().data();
            float[] b = actual.get(entry.getKey()).data();
            assertArrayEquals(entry.getValue().shape(), actual.get(entry.getKey()).shape());
            for (int i = 0; i < a.length; i++) {
                if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                    throw new AssertionError(what + " " + entry.getKey() + "[" + i + "]: " + a[i] + " vs " + b[i]);
                }
            }
        }
    }

    // ---- stopping on targets ----

    /** The new defaults on classes 1, 3, 8, B = 32, 20 held-out images per class, a check every 5 steps. */
    private static SettingsBuilder<UntrainConfig> targets(double accF, double drop, int maxSteps) {
        return UntrainConfig.builder().set(UntrainConfig.CLASSES, List.of(1, 3, 8))
                .set(UntrainConfig.BATCH_SIZE, 32).set(UntrainConfig.VALIDATION_PER_CLASS, 20)
                .set(UntrainConfig.SNAPSHOT_EVERY, 5).set(UntrainConfig.CHECKPOINT_EVERY, 0)
                .set(UntrainConfig.TARGET_ACC_F, accF).set(UntrainConfig.TARGET_DROP, drop)
                .set(UntrainConfig.STEPS, maxSteps).set(UntrainConfig.SEED, 5L);
    }

    @Test
    void aRoundStopsAtTheFirstCheckWhereEveryRowMeetsTargetsAndItsClaimsHoldOnTheHeldOutImages() throws Exception {
        UntrainConfig config = targets(10, 5, 400).build();
        List<Progress> checks = new ArrayList<>();
        UntrainingJob.Result result = new UntrainingJob(model, data, config, null).run(null, p -> {
            if (p.phase().equals(UntrainingJob.SNAPSHOT)) {
                checks.add(p);
            }
        }, CancellationToken.none());
        assertEquals(UntrainingJob.StopReason.TARGETS_MET, result.stopReason());
        int steps = result.bank().step();
        assertTrue(steps < 400 && steps % 5 == 0, "stopped at a check before the limit: " + steps);
        assertEquals(steps / 5, checks.size(), "one check every five steps");
        assertEquals(3.0, checks.get(checks.size() - 1).metrics().get("rows_met"));
        // the claims, recomputed from the written bank on the same held-out images
        HeldOutSplit split = HeldOutSplit.of(data.train(), 20);
        int[] original = model.classifier().predict(split.validation(), CancellationToken.none());
        try (ai.djl.ndarray.NDManager manager = dev.wfnet.model.TorchRuntime.newManager()) {
            AlphaBank bank = AlphaBank.load(result.bank().layout(), result.bank().alphas(), manager, "result");
            for (RowStatus row : result.rows()) {
                int[] forgotten = {row.modelClass()};
                try (FilteredModel filtered = new FilteredModel(model.architecture(), model.weights(),
                        model.checkpoint().normalization(), bank, new int[] {row.row()})) {
                    ForgetAccuracy now = ForgetAccuracy.of(filtered.classifier().predict(split.validation(),
                            CancellationToken.none()), split.validation().labels(), forgotten);
                    double before = ForgetAccuracy.of(original, split.validation().labels(), forgotten)
                            .retainAccuracy();
                    assertTrue(now.forgetAccuracy()[0] <= 0.10, "ACC_f of class " + row.modelClass());
                    assertTrue(before - now.retainAccuracy() <= 0.05, "drop of class " + row.modelClass());
                }
            }
        }
    }

    @Test
    void aTargetOutOfReachRunsToTheStepLimitAndSaysWhichRowsFallShortAndByHowMuch() throws Exception {
        UntrainConfig config = targets(0, 0, 2).set(UntrainConfig.SNAPSHOT_EVERY, 1).build();
        UntrainingJob.Result result = new UntrainingJob(model, data, config, null).run(null, p -> { },
                CancellationToken.none());
        assertEquals(UntrainingJob.StopReason.MAX_STEPS, result.stopReason());
        assertEquals(2, result.bank().step());
        List<RowStatus> shortRows = result.rows().stream().filter(row -> !row.met()).toList();
        assertFalse(shortRows.isEmpty(), "two steps at lr 3e-3 forget no class completely");
        for (RowStatus row : shortRows) {
            String shortfall = row.shortfall(config, model.checkpoint().classNames());
            assertTrue(shortfall.contains(String.format(java.util.Locale.ROOT, "ACC_f %.2f%%",
                    100 * row.forgetAccuracy())) || shortfall.contains("drop"), shortfall);
        }
    }

    @Test
    void theHeldOutSplitComesFromTheTrainingImagesAndIsLeftOutOfTraining() {
        HeldOutSplit split = HeldOutSplit.of(data.train(), 20);
        int[] perClass = split.validation().classCounts();
        for (int c = 0; c < perClass.length; c++) {
            assertEquals(Math.min(20, data.train().classCounts()[c] / 3), perClass[c], "class " + c);
        }
        assertEquals(data.train().size(), split.trainIndices().length + split.validation().size());
        java.util.Set<Integer> training = new java.util.HashSet<>();
        for (int i : split.trainIndices()) {
            training.add(i);
        }
        // the held-out images are the last of each class, none of them among the training indices
        int[] seen = new int[perClass.length];
        for (int i = data.train().size() - 1; i >= 0; i--) {
            int label = data.train().label(i);
            assertEquals(seen[label]++ >= perClass[label], training.contains(i), "image " + i);
        }
    }

    // ---- the clamp in a real run ----

    @Test
    void afterTheFirstStepEachAlphaIsExactlyOneOrOneLearningRateBelow() throws Exception {
        UntrainConfig oneStep = config(1, 32, 0, 1);
        UntrainingJob.Result result = new UntrainingJob(model, data, oneStep, null).run(null, p -> { },
                CancellationToken.none());
        // Adam's first step moves every alpha by lr * g / (|g| + 1e-8): up (then clamped back to
        // exactly 1) where the gradient is negative, down by at most lr where it is positive
        long atOne = 0;
        long below = 0;
        for (HostTensor alphas : result.bank().alphas().values()) {
            for (float a : alphas.data()) {
                if (a == 1f) {
                    atOne++;
                } else {
                    assertTrue(a >= 1 - 1e-2 - 1e-6 && a < 1, "alpha after one step: " + a);
                    below++;
                }
            }
        }
        assertTrue(atOne > 0 && below > 0, atOne + " alphas clamped at 1, " + below + " lowered");
        assertEquals(1, result.bank().step());
    }

    @Test
    void everyAlphaStaysInTheUnitIntervalOverARun() throws Exception {
        UntrainConfig config = small().set(UntrainConfig.CLASSES, List.of(1, 3, 8))
                .set(UntrainConfig.GRANULARITY, Granularity.FILTER).set(UntrainConfig.BATCH_SIZE, 32)
                .set(UntrainConfig.LEARNING_RATE, 0.3).set(UntrainConfig.STEPS, 6).set(UntrainConfig.SEED, 3L).build();
        UntrainingJob.Result result = new UntrainingJob(model, data, config, null).run(null, p -> { },
                CancellationToken.none());
        long zeros = 0;
        long ones = 0;
        long inside = 0;
        for (HostTensor alphas : result.bank().alphas().values()) {
            for (float a : alphas.data()) {
                assertTrue(a >= 0 && a <= 1, "alpha " + a);
                zeros += a == 0 ? 1 : 0;
                ones += a == 1 ? 1 : 0;
                inside += a > 0 && a < 1 ? 1 : 0;
            }
        }
        // with lr 0.3 a few steps push some filters' alphas past 0 (3 of 702 measured) and others
        // past 1: both must sit exactly on the bound
        System.out.printf("6 steps at lr 0.3, filter granularity: %d alphas at 0, %d at 1, %d strictly inside%n",
                zeros, ones, inside);
        assertTrue(inside > 0, "the run moved some alphas");
        assertTrue(ones > 0, "some alphas were pushed up against 1");
    }

    // ---- cancel and resume ----

    @Test
    void aRunCancelledAfterStepThreeAndResumedEndsBitForBitWhereAnUninterruptedRunEnds() throws Exception {
        UntrainConfig config = config(6, 32, 3, 1);
        Path straightFile = dir.resolve("straight.safetensors");
        List<Double> straightLosses = new ArrayList<>();
        UntrainingJob.Result straight = new UntrainingJob(model, data, config, straightFile).run(null,
                p -> straightLosses.add(p.metrics().get("loss")), CancellationToken.none());

        Path interruptedFile = dir.resolve("interrupted.safetensors");
        CancellationToken cancel = new CancellationToken();
        List<Long> steps = new ArrayList<>();
        // the job writes the step-3 checkpoint after reporting step 3 and checks the token at the top
        // of the next step: cancelling on the report of step 3 stops it with that checkpoint written
        assertThrows(JobCancelledException.class, () -> new UntrainingJob(model, data, config, interruptedFile).run(
                null, p -> {
                    steps.add(p.step());
                    if (p.step() == 3) {
                        cancel.cancel();
                    }
                }, cancel));
        assertEquals(List.of(1L, 2L, 3L), steps);
        BankCheckpoint atThree = BankCheckpoint.read(interruptedFile);
        assertEquals(3, atThree.step());
        assertTrue(atThree.resumable());
        assertFalse(atThree.complete());

        List<Double> resumedLosses = new ArrayList<>();
        List<Long> resumedSteps = new ArrayList<>();
        UntrainingJob.Result resumed = new UntrainingJob(model, data, config, interruptedFile).run(atThree, p -> {
            resumedSteps.add(p.step());
            resumedLosses.add(p.metrics().get("loss"));
        }, CancellationToken.none());

        assertEquals(List.of(4L, 5L, 6L), resumedSteps);
        assertEquals(straightLosses.subList(3, 6), resumedLosses, "steps 4-6 see the same batches and alphas");
        assertEquals(6, resumed.bank().step());
        assertBitsEqual("alphas", straight.bank().alphas(), resumed.bank().alphas());
        assertBitsEqual("Adam first moments", straight.bank().firstMoments(), resumed.bank().firstMoments());
        assertBitsEqual("Adam second moments", straight.bank().secondMoments(), resumed.bank().secondMoments());
        // and the files both runs left behind agree
        BankCheckpoint straightOnDisk = BankCheckpoint.read(straightFile);
        BankCheckpoint resumedOnDisk = BankCheckpoint.read(interruptedFile);
        assertEquals(6, straightOnDisk.step());
        assertEquals(6, resumedOnDisk.step());
        assertBitsEqual("alphas on disk", straightOnDisk.alphas(), resumedOnDisk.alphas());
        assertBitsEqual("moments on disk", straightOnDisk.secondMoments(), resumedOnDisk.secondMoments());
        // the run really moved: the alphas at step 3 differ from those at step 6
        assertFalse(atThree.alphas().get("fc1.weight").equals(straight.bank().alphas().get("fc1.weight")));
    }

    @Test
    void resumeIsRefusedForAFinishedBankOtherSettingsOrAnotherModel() throws Exception {
        UntrainConfig config = config(2, 32, 0, 1);
        Path file = dir.resolve("bank.safetensors");
        UntrainingJob.Result done = new UntrainingJob(model, data, config, file).run(null, p -> { },
                CancellationToken.none());

        WfnetException finished = assertThrows(WfnetException.class, () -> new UntrainingJob(model, data,
                config.withSteps(4), null).run(done.bank().withoutOptimizerState(), p -> { }, CancellationToken.none()));
        assertTrue(finished.getMessage().contains("holds no optimiser state"), finished.getMessage());

        UntrainConfig otherSeed = config.with(UntrainConfig.SEED, 12L);
        WfnetException settings = assertThrows(WfnetException.class, () -> new UntrainingJob(model, data, otherSeed,
                null).run(done.bank(), p -> { }, CancellationToken.none()));
        assertTrue(settings.getMessage().startsWith("the checkpoint was made with other settings"),
                settings.getMessage());

        WfnetException past = assertThrows(WfnetException.class, () -> new UntrainingJob(model, data,
                config.withSteps(1), null).run(done.bank(), p -> { }, CancellationToken.none()));
        assertEquals("the checkpoint is at step 2, past the 1 steps asked for", past.getMessage());

        try (LoadedModel other = LoadedModel.of(model.checkpoint(), "f".repeat(64), "other")) {
            WfnetException otherModel = assertThrows(WfnetException.class, () -> new UntrainingJob(other, data, config,
                    null).run(done.bank(), p -> { }, CancellationToken.none()));
            assertTrue(otherModel.getMessage().startsWith("the checkpoint was made for another model"),
                    otherModel.getMessage());
        }
    }

    // ---- a non-finite loss ----

    @Test
    void aNonFiniteLossStopsTheRunNamingTheStepAndLeavesAnEarlierCheckpointIntact() throws Exception {
        Path file = dir.resolve("bank.safetensors");
        new UntrainingJob(model, data, config(2, 32, 0, 1), file).run(null, p -> { }, CancellationToken.none());
        byte[] before = Files.readAllBytes(file);
        assertEquals(2, BankCheckpoint.read(file).step());

        // l1 = 3e38 is a float, but l1 times the forget term (mean 1 / CE of well-classified images,
        // far above 1.2) is not: the loss overflows to infinity at the first step
        List<Progress> reports = new ArrayList<>();
        WfnetException e = assertThrows(WfnetException.class, () -> new UntrainingJob(model, data,
                config(5, 32, 1, 3e38), file).run(null, reports::add, CancellationToken.none()));

        assertEquals("untraining stopped at step 1: the loss became Infinity; no checkpoint was written yet; "
                + "lower the learning rate or raise eps", e.getMessage());
        assertTrue(reports.isEmpty(), "no step was reported");
        assertArrayEquals(before, Files.readAllBytes(file), "the earlier checkpoint is untouched");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    // ---- a gradient that overflows ----

    @Test
    void aGradientThatOverflowsFromAFiniteLossStopsTheRunNamingTheStepAndWritesNothing() throws Exception {
        // the bundled sample model (92% accurate) is sure enough of some images that their CE is
        // exactly 0 in float; the 2-epoch fixture is not
        try (LoadedModel sample = LoadedModel.open(Path.of("sample-models/small-cnn.safetensors"))) {
            Path file = dir.resolve("bank.safetensors");
            new UntrainingJob(sample, data, config(1, 32, 0, 1), file).run(null, p -> { }, CancellationToken.none());
            byte[] before = Files.readAllBytes(file);

            // eps 1e-20: such an image's term is 1/eps = 1e20 (the loss stays finite) while its
            // derivative, -1/eps^2 = -1e40, is past the largest float
            UntrainConfig tinyEps = config(5, 32, 1, 1).with(UntrainConfig.EPSILON, 1e-20);
            List<Progress> reports = new ArrayList<>();
            WfnetException e = assertThrows(WfnetException.class, () -> new UntrainingJob(sample, data, tinyEps, file)
                    .run(null, reports::add, CancellationToken.none()));

            assertTrue(e.getMessage().matches("untraining stopped at step 1: the loss was [0-9.E]+ but its gradient "
                    + "is not a finite number .*; no checkpoint was written yet; raise eps or lower l1"), e.getMessage());
            assertTrue(reports.isEmpty(), "no step was reported");
            assertArrayEquals(before, Files.readAllBytes(file), "the earlier checkpoint is untouched");
        }
    }

    // ---- determinism ----

    /**
     * Runs {@code work} while another thread asks for a full collection again and again (pausing
     * three times as long as the last one took, so a large heap does not stall the run), so Java
     * buffers that become unreachable during a step are freed during that step.
     */
    private static <T> T whileCollecting(java.util.concurrent.Callable<T> work) throws Exception {
        Thread collector = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long start = System.nanoTime();
                System.gc();
                try {
                    Thread.sleep(Math.max(2, 3 * (System.nanoTime() - start) / 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "collect-constantly");
        collector.setDaemon(true);
        collector.start();
        try {
            return work.call();
        } finally {
            collector.interrupt();
            collector.join();
        }
    }

    @Test
    void aRunUnderConstantGarbageCollectionEndsBitForBitWhereAQuietRunEnds() throws Exception {
        UntrainConfig config = config(4, 32, 0, 1);
        UntrainingJob.Result quiet = new UntrainingJob(model, data, config, null).run(null, p -> { },
                CancellationToken.none());
        List<Long> steps = new ArrayList<>();
        UntrainingJob.Result collected = whileCollecting(() -> new UntrainingJob(model, data, config, null)
                .run(null, p -> steps.add(p.step()), CancellationToken.none()));

        assertEquals(List.of(1L, 2L, 3L, 4L), steps, "every step ran and was reported");
        assertBitsEqual("alphas", quiet.bank().alphas(), collected.bank().alphas());
        assertBitsEqual("Adam first moments", quiet.bank().firstMoments(), collected.bank().firstMoments());
        assertBitsEqual("Adam second moments", quiet.bank().secondMoments(), collected.bank().secondMoments());
        long moved = 0;
        for (HostTensor alphas : quiet.bank().alphas().values()) {
            for (float a : alphas.data()) {
                moved += a < 1 ? 1 : 0;
            }
        }
        assertTrue(moved > 0, "the runs moved the alphas");
    }

    // ---- memory ----

    @Test
    void theMemoryEstimateCountsAlphasMomentsAndProductsAndRefusesWithTheFigures() throws Exception {
        UntrainConfig all = small().build();
        MemoryEstimate estimate = new UntrainingJob(model, data, all, null).memoryEstimate();
        // 421,408 filtered weights, ten rows of them, four bytes each
        long alphas = 10L * 421_408 * 4;
        assertEquals(alphas, estimate.alphaBytes());
        assertEquals(3 * alphas, estimate.optimizerBytes());
        assertEquals(10L * 421_408 * 4 * 2, estimate.productBytes());
        assertEquals((long) ((alphas + 3 * alphas + 10L * 421_408 * 8) * 1.25) + (256L << 20), estimate.totalBytes());
        assertEquals(394_857_856L, estimate.totalBytes());

        estimate.check(394_857_856L);
        WfnetException e = assertThrows(WfnetException.class, () -> estimate.check(300L << 20));
        assertEquals("this bank will not fit: it needs about 377 MB (alphas 16 MB, optimiser state and gradients "
                + "48 MB, filtered weights 32 MB) but 300 MB is available; use --granularity filter, fewer classes "
                + "or fewer layers", e.getMessage());

        UntrainConfig filter = all.with(UntrainConfig.GRANULARITY, Granularity.FILTER);
        MemoryEstimate small = new UntrainingJob(model, data, filter, null).memoryEstimate();
        assertEquals(10L * (32 + 64 + 128 + 10) * 4, small.alphaBytes());
    }
}
