package dev.wfnet.app.forget;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.app.SampleFiles;
import dev.wfnet.app.background.DirectJobRunner;
import dev.wfnet.app.workspace.WorkspaceViewModel;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.jobs.JobCancelledException;
import dev.wfnet.unlearn.UntrainConfig;
import dev.wfnet.unlearn.UntrainingJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Toggle latency of Forget live, as the view model sees it: from the toggle to the outcome the
 * bars are drawn from. Prints figures and asserts what the toggles answer, none about time. Run
 * alone, on an idle machine:
 * {@code mvn test -Dgroups=benchmark -Dwfnet.excludedGroups= -Dtest=ToggleLatencyBenchmark}.
 */
@Tag("benchmark")
class ToggleLatencyBenchmark {

    @ParameterizedTest
    @ValueSource(strings = {"fashion-mnist-bundled", "fashion-mnist"})
    void toggleEachClassThenEachPairOnce(String data) {
        SampleFiles.CollectedErrors errors = new SampleFiles.CollectedErrors();
        WorkspaceViewModel workspace = SampleFiles.openSample(errors, data);
        try {
            ForgetLiveViewModel model = new ForgetLiveViewModel(workspace, new DirectJobRunner(), errors, false);
            int images = workspace.current().data().test().size();
            model.setForgotten(new int[] {0});
            List<Double> first = new ArrayList<>();
            List<Double> again = new ArrayList<>();
            for (int c = 0; c < 10; c++) {
                model.setForgotten(new int[] {c});
                first.add(model.outcomeProperty().get().latencyMillis());
            }
            for (int c = 0; c < 10; c++) {
                model.setForgotten(new int[] {c});
                again.add(model.outcomeProperty().get().latencyMillis());
            }
            List<Double> pairs = new ArrayList<>();
            for (int c = 0; c < 9; c++) {
                model.setForgotten(new int[] {c, c + 1});
                pairs.add(model.outcomeProperty().get().latencyMillis());
            }
            System.out.printf(Locale.ROOT, "toggle latency on %,d test images (%s): one class, not seen before:"
                    + " %s; seen before: %s; a pair, not seen before: %s%n", images, data, summary(first),
                    summary(again), summary(pairs));
            assertEquals(List.of(), errors.messages);
        } finally {
            workspace.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fashion-mnist-bundled", "fashion-mnist"})
    void prefetchEverySingleAndPair(String data) {
        SampleFiles.CollectedErrors errors = new SampleFiles.CollectedErrors();
        WorkspaceViewModel workspace = SampleFiles.openSample(errors, data);
        try {
            long start = System.nanoTime();
            // With a direct runner the prefetch runs to its end inside the constructor.
            ForgetLiveViewModel model = new ForgetLiveViewModel(workspace, new DirectJobRunner(), errors, true);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(56, model.cachedSets(), "nothing, 10 singles and 45 pairs");
            System.out.printf(Locale.ROOT, "prefetch of 55 class sets on %,d test images (%s): %.1f s%n",
                    workspace.current().data().test().size(), data, seconds);
        } finally {
            workspace.close();
        }
    }

    /**
     * Toggles while an untraining round runs on another thread of the same JVM, as in the window:
     * each toggle answers for its class while the round goes on, and the round ends only because it
     * is cancelled.
     */
    @Test
    void toggleWhileUntraining() throws Exception {
        SampleFiles.CollectedErrors errors = new SampleFiles.CollectedErrors();
        WorkspaceViewModel workspace = SampleFiles.openSample(errors);
        Path folder = Files.createTempDirectory("toggle-while-untraining");
        CancellationToken stop = new CancellationToken();
        AtomicLong stepsDone = new AtomicLong();
        CountDownLatch running = new CountDownLatch(1);
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread training = new Thread(() -> {
            try {
                UntrainConfig config = UntrainConfig.defaults().withSteps(2000);
                new UntrainingJob(workspace.current().model(), workspace.current().data(), config,
                        folder.resolve("bank.checkpoint.safetensors")).run(null, progress -> {
                            if (UntrainingJob.STEP.equals(progress.phase())) {
                                stepsDone.set(progress.step());
                                running.countDown();
                            }
                        }, stop);
            } catch (Throwable e) {
                ended.set(e);
            }
        }, "untraining");
        try {
            ForgetLiveViewModel model = new ForgetLiveViewModel(workspace, new DirectJobRunner(), errors, false);
            training.start();
            assertTrue(running.await(120, TimeUnit.SECONDS), "the untraining round reported no step");
            long stepsBefore = stepsDone.get();
            List<Double> latencies = new ArrayList<>();
            for (int c = 0; c < 5; c++) {
                model.setForgotten(new int[] {c});
                ForgetOutcome outcome = model.outcomeProperty().get();
                assertArrayEquals(new int[] {c}, outcome.forgotten(), "the outcome answers the toggle just made");
                assertFalse(outcome.cached(), "class " + c + " was evaluated, not taken from a cache");
                latencies.add(outcome.latencyMillis());
            }
            assertTrue(training.isAlive(), "the round was still running after the toggles");
            assertTrue(stepsDone.get() > stepsBefore, "the round made progress while the toggles ran");
            assertEquals(List.of(), errors.messages);
            System.out.printf(Locale.ROOT, "toggle latency on 2,000 test images while untraining runs (steps %d to "
                    + "%d): %s%n", stepsBefore, stepsDone.get(), summary(latencies));
        } finally {
            stop.cancel();
            training.join();
            workspace.close();
        }
        assertTrue(ended.get() instanceof JobCancelledException, "the round ends by the cancel, not by " + ended.get());
    }

    private static String summary(List<Double> millis) {
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "median %.0f ms, max %.0f ms", sorted[sorted.length / 2],
                sorted[sorted.length - 1]) + " (" + Arrays.stream(sorted).mapToObj(v -> String.format(Locale.ROOT,
                "%.0f", v)).reduce((a, b) -> a + " " + b).orElse("") + ")";
    }
}
