package dev.wfnet.app.forget;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.WfnetException;
import dev.wfnet.app.SampleFiles;
import dev.wfnet.app.SampleWorkspace;
import dev.wfnet.app.background.DirectJobRunner;
import dev.wfnet.app.background.Job;
import dev.wfnet.app.background.JobCallbacks;
import dev.wfnet.app.background.JobHandle;
import dev.wfnet.app.background.JobRunner;
import dev.wfnet.app.background.QueuedJobRunner;
import dev.wfnet.app.workspace.Workspace;
import dev.wfnet.app.workspace.WorkspaceViewModel;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.StratifiedSample;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.unlearn.FilteredModel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ForgetLiveViewModelTest {
    private static final int SANDAL = 5;
    private static final int BAG = 8;
    @RegisterExtension
    final SampleWorkspace sample = new SampleWorkspace();

    @Test
    void aToggleGivesThePredictionsOfTheModelFilteredByThatRow() throws Exception {
        ForgetLiveViewModel model = new ForgetLiveViewModel(sample.workspace(), new DirectJobRunner(),
                sample.errors(), false);
        model.setForgotten(SANDAL, true);
        ForgetOutcome outcome = model.outcomeProperty().get();
        Workspace now = sample.workspace().current();
        ImageDataset test = now.data().test();
        int row = now.bank().get().checkpoint().layout().rowOf(SANDAL);
        int[] expected;
        try (FilteredModel filtered = new FilteredModel(now.model().architecture(), now.model().weights(),
                now.model().checkpoint().normalization(), now.bank().get().alphas(), new int[] {row})) {
            expected = filtered.classifier().predict(test, CancellationToken.none());
        }
        assertArrayEquals(expected, outcome.predictions());
        int sandals = 0;
        int sandalsKept = 0;
        for (int i = 0; i < test.size(); i++) {
            if (test.label(i) == SANDAL) {
                sandals++;
                sandalsKept += expected[i] == SANDAL ? 1 : 0;
            }
        }
        assertEquals((double) sandalsKept / sandals, outcome.report().filteredSplit().forgetAccuracy()[0], 1e-12);
        long predictedSandal = 0;
        for (int truth = 0; truth < 10; truth++) {
            predictedSandal += outcome.confusion().count(truth, SANDAL);
        }
        assertEquals(java.util.Arrays.stream(expected).filter(p -> p == SANDAL).count(), predictedSandal);
        assertTrue(sample.errors().messages.isEmpty(), sample.errors().messages::toString);
    }

    @Test
    void aToggleIsAnsweredFirstFromTheSampleThenFromTheWholeSplit() throws Exception {
        ForgetLiveViewModel model = new ForgetLiveViewModel(sample.workspace(), new DirectJobRunner(),
                sample.errors(), false);
        List<ForgetOutcome> shown = new ArrayList<>();
        model.outcomeProperty().addListener((property, before, now) -> {
            if (now != null) {
                shown.add(now);
            }
        });
        model.setForgotten(new int[] {SANDAL, BAG});
        assertEquals(2, shown.size(), "an estimate, then the whole split");
        Workspace now = sample.workspace().current();
        ImageDataset test = now.data().test();
        int[] rows = {now.bank().get().checkpoint().layout().rowOf(SANDAL),
                now.bank().get().checkpoint().layout().rowOf(BAG)};
        int[] expected;
        try (FilteredModel filtered = new FilteredModel(now.model().architecture(), now.model().weights(),
                now.model().checkpoint().normalization(), now.bank().get().alphas(), rows)) {
            expected = filtered.classifier().predict(test, CancellationToken.none());
        }

        // the estimate: 50 images of each class of the balanced bundled split, counted here by hand
        ForgetOutcome estimate = shown.get(0);
        assertTrue(estimate.estimate());
        assertEquals(500, estimate.evaluatedImages());
        int[] indices = estimate.testIndices();
        int[] perClass = new int[10];
        int forgetRight = 0;
        int forgetAll = 0;
        int retainRight = 0;
        int retainAll = 0;
        int[][] confusion = new int[10][10];
        for (int i : indices) {
            int label = test.label(i);
            perClass[label]++;
            boolean right = expected[i] == label;
            assertEquals(expected[i], estimate.prediction(i), "test image " + i);
            confusion[label][expected[i]]++;
            if (label == SANDAL || label == BAG) {
                forgetAll++;
                forgetRight += right ? 1 : 0;
            } else {
                retainAll++;
                retainRight += right ? 1 : 0;
            }
        }
        int[] fifty = new int[10];
        Arrays.fill(fifty, 50);
        assertArrayEquals(fifty, perClass);
        assertEquals((double) retainRight / retainAll, estimate.report().filteredSplit().retainAccuracy(), 1e-12);
        assertEquals((double) forgetRight / forgetAll, Arrays.stream(estimate.report().filteredSplit().forgetAccuracy())
                .average().orElseThrow(), 1e-12, "both classes have 50 images, so the mean is the pooled share");
        for (int t = 0; t < 10; t++) {
            for (int p = 0; p < 10; p++) {
                assertEquals(confusion[t][p], estimate.confusion().count(t, p));
            }
        }
        double n = retainAll + 1.959964 * 1.959964;
        double p = (retainRight + 1.959964 * 1.959964 / 2) / n;
        assertEquals(1.959964 * Math.sqrt(p * (1 - p) / n), estimate.retainMargin95(), 1e-12);
        assertArrayEquals(StratifiedSample.of(test, 500, 42).indices(), indices, "the fixed, seeded sample");
        for (int i : model.gridIndices()) {
            assertTrue(estimate.evaluated(i), "the grid shows sample images, which an estimate knows: " + i);
        }

        assertTrue(ForgetLiveView.summary(estimate).contains(String.format(java.util.Locale.ROOT, "ACC_r %.2f%% \u00b1%.1f",
                100.0 * retainRight / retainAll, 100 * estimate.retainMargin95())), ForgetLiveView.summary(estimate));

        ForgetOutcome whole = shown.get(1);
        assertFalse(whole.estimate());
        assertFalse(ForgetLiveView.summary(whole).contains("\u00b1"), "the whole split has no margin to show");
        assertArrayEquals(expected, whole.predictions(), "the sample's predictions and the rest's are the whole pass");
        assertEquals(test.size(), whole.evaluatedImages());
        assertTrue(sample.errors().messages.isEmpty(), sample.errors().messages::toString);
    }

    @Test
    void aNewerToggleCancelsTheRefinementAndOnlyItsOwnOutcomesAreShown() {
        QueuedJobRunner runner = new QueuedJobRunner();
        ForgetLiveViewModel model = new ForgetLiveViewModel(sample.workspace(), runner, sample.errors(), false);
        List<String> shown = new ArrayList<>();
        model.outcomeProperty().addListener((property, before, now) -> {
            if (now != null) {
                shown.add(Arrays.toString(now.forgotten()) + (now.estimate() ? " estimate" : " whole"));
            }
        });
        model.setForgotten(SANDAL, true);
        assertEquals("Forgetting Sandal (estimate from 500 images)", runner.runNext());
        assertEquals("Forgetting Sandal (all 2,000 images)", runner.nextTitle(), "the refinement waits its turn");
        model.setForgotten(SANDAL, false);
        model.setForgotten(BAG, true);
        assertEquals("Forgetting Sandal (all 2,000 images)", runner.runNext(), "cancelled: it stops at its first check");
        assertEquals("Forgetting Bag (estimate from 500 images)", runner.runNext());
        assertEquals("Forgetting Bag (all 2,000 images)", runner.runNext());
        assertEquals(0, runner.pending());
        assertEquals(List.of("[5] estimate", "[] whole", "[8] estimate", "[8] whole"), shown,
                "nothing forgotten answers from the cache at once; Sandal's whole split is never shown");
        assertEquals(2, model.cachedSets(), "nothing and Bag: the cancelled refinement cached nothing");
    }

    @Test
    void aClassSetSeenBeforeIsShownAtOnceEvenWhileAnEstimateRuns() {
        QueuedJobRunner runner = new QueuedJobRunner();
        ForgetLiveViewModel model = new ForgetLiveViewModel(sample.workspace(), runner, sample.errors(), false);
        model.setForgotten(BAG, true);
        runner.runAll();
        model.setForgotten(BAG, false);
        model.setForgotten(SANDAL, true);
        assertEquals("Forgetting Sandal (estimate from 500 images)", runner.nextTitle());
        model.setForgotten(SANDAL, false);
        model.setForgotten(BAG, true);
        assertArrayEquals(new int[] {BAG}, model.outcomeProperty().get().forgotten(), "Bag, from the cache, at once");
        assertTrue(model.outcomeProperty().get().cached());
        assertEquals("Forgetting Sandal (estimate from 500 images)", runner.runNext());
        assertArrayEquals(new int[] {BAG}, model.outcomeProperty().get().forgotten(), "Sandal's estimate is not shown");
        assertEquals(0, runner.pending(), "and nothing else is evaluated");
    }

    @Test
    void aRefinementThatEndsAfterANewerToggleIsCachedButNotShown() {
        QueuedJobRunner queued = new QueuedJobRunner();
        // a refinement past its last check when the toggle comes: cancelling it changes nothing
        JobRunner late = new JobRunner() {
            @Override
            public <T> JobHandle start(String title, Job<T> job, JobCallbacks<T> callbacks) {
                JobHandle handle = queued.start(title, job, callbacks);
                return new JobHandle() {
                    @Override
                    public void cancel() {
                    }

                    @Override
                    public boolean isRunning() {
                        return handle.isRunning();
                    }
                };
            }
        };
        ForgetLiveViewModel model = new ForgetLiveViewModel(sample.workspace(), late, sample.errors(), false);
        model.setForgotten(BAG, true);
        assertEquals("Forgetting Bag (estimate from 500 images)", queued.runNext());
        assertTrue(model.outcomeProperty().get().estimate());
        model.setForgotten(BAG, false);
        model.setForgotten(SANDAL, true);
        assertArrayEquals(new int[0], model.outcomeProperty().get().forgotten(), "nothing forgotten, from the cache");
        assertEquals("Forgetting Bag (all 2,000 images)", queued.runNext(), "it runs to its end");
        assertArrayEquals(new int[0], model.outcomeProperty().get().forgotten(),
                "Bag's whole split came after newer toggles: it is not shown");
        assertEquals(2, model.cachedSets(), "but kept: nothing forgotten and Bag");
        assertEquals("Forgetting Sandal (estimate from 500 images)", queued.runNext());
        assertArrayEquals(new int[] {SANDAL}, model.outcomeProperty().get().forgotten());
        model.setForgotten(SANDAL, false);
        model.setForgotten(BAG, true);
        assertFalse(model.outcomeProperty().get().estimate(), "Bag now answers from the cache, whole");
        assertTrue(model.outcomeProperty().get().cached());
    }

    @Test
    void goingBackToAnEarlierSelectionAnswersFromTheCache() {
        ForgetLiveViewModel model = new ForgetLiveViewModel(sample.workspace(), new DirectJobRunner(),
                sample.errors(), false);
        model.setForgotten(BAG, true);
        int[] bagPredictions = model.outcomeProperty().get().predictions();
        assertFalse(model.outcomeProperty().get().cached());
        model.setForgotten(BAG, false);
        assertTrue(model.outcomeProperty().get().cached(), "nothing forgotten is the original model");
        assertArrayEquals(sample.workspace().current().originalPredictions(),
                model.outcomeProperty().get().predictions());
        model.setForgotten(BAG, true);
        assertTrue(model.outcomeProperty().get().cached());
        assertArrayEquals(bagPredictions, model.outcomeProperty().get().predictions());
    }

    @Test
    void togglesDuringAnEvaluationFoldIntoOneEvaluationOfTheLastSelection() {
        QueuedJobRunner runner = new QueuedJobRunner();
        ForgetLiveViewModel model = new ForgetLiveViewModel(sample.workspace(), runner, sample.errors(), false);
        model.setForgotten(SANDAL, true);
        model.setForgotten(BAG, true);
        model.setForgotten(SANDAL, false);
        model.setForgotten(3, true);
        assertEquals(1, runner.pending(), "only the first toggle's evaluation runs at once");
        assertEquals("Forgetting Sandal (estimate from 500 images)", runner.runNext());
        assertArrayEquals(new int[0], model.outcomeProperty().get().forgotten(),
                "the stale Sandal outcome is not shown; the view still shows the opening one");
        assertEquals("Forgetting Dress + Bag (estimate from 500 images)", runner.runNext());
        assertArrayEquals(new int[] {3, BAG}, model.outcomeProperty().get().forgotten());
        assertTrue(model.outcomeProperty().get().estimate());
        assertEquals("Forgetting Dress + Bag (all 2,000 images)", runner.runNext());
        assertArrayEquals(new int[] {3, BAG}, model.outcomeProperty().get().forgotten());
        assertFalse(model.outcomeProperty().get().estimate());
        assertEquals(0, runner.pending());
    }

    @Test
    void prefetchEvaluatesSinglesThenPairsAndYieldsToTheUser() {
        QueuedJobRunner runner = new QueuedJobRunner();
        ForgetLiveViewModel model = new ForgetLiveViewModel(sample.workspace(), runner, sample.errors(), true);
        assertEquals("Prefetching T-shirt/top (54 more)", runner.nextTitle());
        runner.runNext();
        assertEquals("Prefetching Trouser (53 more)", runner.nextTitle());
        model.setForgotten(SANDAL, true);
        assertEquals(2, runner.pending(), "the user's evaluation waits behind the running prefetch");
        assertEquals("Prefetching Trouser (53 more)", runner.runNext(), "which stops at its first check");
        assertEquals("Forgetting Sandal (estimate from 500 images)", runner.runNext());
        assertNotNull(model.outcomeProperty().get());
        assertEquals("Forgetting Sandal (all 2,000 images)", runner.runNext(), "no prefetch before the refinement");
        assertEquals("Prefetching Trouser (53 more)", runner.nextTitle(), "the cancelled set comes back first");
        assertEquals(3, model.cachedSets(), "nothing, T-shirt/top and Sandal");
    }

    @Test
    void aFailedPrefetchIsLoggedWithoutADialogAndStopsThePrefetching() {
        QueuedJobRunner queued = new QueuedJobRunner();
        JobRunner failingPrefetch = new JobRunner() {
            @Override
            public <T> JobHandle start(String title, Job<T> job, JobCallbacks<T> callbacks) {
                Job<T> failing = (progress, cancel) -> {
                    throw new WfnetException("the engine ran out of memory");
                };
                return queued.start(title, title.startsWith("Prefetching") ? failing : job, callbacks);
            }
        };
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream original = System.err;
        // slf4j-simple writes each record to the System.err of the moment
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            new ForgetLiveViewModel(sample.workspace(), failingPrefetch, sample.errors(), true);
            assertEquals("Prefetching T-shirt/top (54 more)", queued.runNext());
        } finally {
            System.setErr(original);
        }
        assertEquals(0, queued.pending(), "nothing more is prefetched");
        assertTrue(sample.errors().messages.isEmpty(), "the user asked for nothing, so no dialog: "
                + sample.errors().messages);
        List<String> lines = log.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of("WARN dev.wfnet.app.forget.ForgetLiveViewModel - Prefetching T-shirt/top failed; nothing"
                        + " more is prefetched for this workspace", "dev.wfnet.WfnetException: the engine ran out of memory"),
                lines.subList(0, 2), log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void prefetchWaitsWhileAnUntrainingRunUsesTheModel() {
        QueuedJobRunner runner = new QueuedJobRunner();
        ForgetLiveViewModel model = new ForgetLiveViewModel(sample.workspace(), runner, sample.errors(), true);
        sample.workspace().acquireModel();
        runner.runNext();
        assertEquals(0, runner.pending(), "no next prefetch while training");
        model.setForgotten(SANDAL, true);
        assertEquals("Forgetting Sandal (estimate from 500 images)", runner.runNext(), "the user's own toggle still runs");
        assertEquals("Forgetting Sandal (all 2,000 images)", runner.runNext());
        assertEquals(0, runner.pending());
        sample.workspace().releaseModel();
        assertEquals("Prefetching Trouser (53 more)", runner.nextTitle());
    }

    @Test
    void aDroppedImageIsClassifiedBothWaysAndAgainAtEveryToggle(@TempDir Path folder) throws Exception {
        ForgetLiveViewModel model = new ForgetLiveViewModel(sample.workspace(), new DirectJobRunner(),
                sample.errors(), false);
        ImageDataset test = sample.workspace().current().data().test();
        int sandal = java.util.stream.IntStream.range(0, test.size()).filter(i -> test.label(i) == SANDAL)
                .findFirst().orElseThrow();
        Path png = folder.resolve("sandal.png");
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int p = 0; p < 28 * 28; p++) {
            image.getRaster().setSample(p % 28, p / 28, 0, test.pixel(sandal, p));
        }
        ImageIO.write(image, "png", png.toFile());
        model.dropImage(png);
        float[] direct = sample.workspace().current().model().classifier()
                .probabilities(test.subset("one", new int[] {sandal}), CancellationToken.none())[0];
        assertArrayEquals(direct, model.droppedProperty().get().original(), 1e-6f);
        assertArrayEquals(direct, model.droppedProperty().get().filtered(), 1e-6f);
        DroppedImage shown = model.droppedProperty().get();
        assertEquals(dev.wfnet.model.Classifier.argMax(direct), shown.explainedClass());
        assertEquals(28, shown.saliency().length);
        float highest = 0;
        for (float[] line : shown.saliency()) {
            for (float value : line) {
                assertTrue(value >= 0 && value <= 1, "saliency in [0, 1]: " + value);
                highest = Math.max(highest, value);
            }
        }
        assertEquals(1f, highest, 1e-6f, "scaled to its maximum");
        model.setForgotten(SANDAL, true);
        float[] filtered = model.droppedProperty().get().filtered();
        assertTrue(filtered[SANDAL] < direct[SANDAL], "forgetting Sandal lowers its probability: "
                + direct[SANDAL] + " -> " + filtered[SANDAL]);
    }

    @Test
    void aFileThatIsNotAnImageIsRefusedWithTheReason(@TempDir Path folder) throws Exception {
        ForgetLiveViewModel model = new ForgetLiveViewModel(sample.workspace(), new DirectJobRunner(),
                sample.errors(), false);
        Path text = Files.writeString(folder.resolve("notes.png"), "not an image");
        model.dropImage(text);
        assertNull(model.droppedProperty().get());
        assertEquals(java.util.List.of("Classifying notes.png: " + text
                + " is not an image this workbench reads (PNG, JPEG, BMP, GIF)"), sample.errors().messages);
    }

    @Test
    void withoutABankThereIsNothingToForget() {
        WorkspaceViewModel bankless = new WorkspaceViewModel(new DirectJobRunner(), sample.errors());
        bankless.open(SampleFiles.MODEL, SampleFiles.DATA, Optional.empty());
        try {
            ForgetLiveViewModel model = new ForgetLiveViewModel(bankless, new DirectJobRunner(), sample.errors(), true);
            assertEquals(0, model.forgettableClasses().length);
            model.setForgotten(SANDAL, true);
            assertNull(model.outcomeProperty().get());
        } finally {
            bankless.close();
        }
    }
}
