package dev.wfnet.app.forget;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.app.SampleFiles;
import dev.wfnet.app.background.DirectJobRunner;
import dev.wfnet.app.workspace.Workspace;
import dev.wfnet.app.workspace.WorkspaceViewModel;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.jobs.JobCancelledException;
import dev.wfnet.model.TorchRuntime;
import dev.wfnet.unlearn.FilteredModel;
import dev.wfnet.unlearn.UntrainConfig;
import dev.wfnet.unlearn.UntrainingJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Toggle latency of Forget live, as the view model sees it: from the toggle to the first outcome
 * the bars are drawn from (the estimate from the sample) and to the whole split's, then plain
 * PyTorch's forward pass of the same images in the same session for comparison. Prints figures and
 * asserts what the toggles answer, none about time. Run alone, on an idle machine:
 * {@code mvn test -Dgroups=benchmark -Dwfnet.excludedGroups= -Dtest=ToggleLatencyBenchmark}.
 */
@Tag("benchmark")
class ToggleLatencyBenchmark {

    @ParameterizedTest
    @ValueSource(strings = {"fashion-mnist-bundled", "fashion-mnist"})
    void toggleEachClassThenEachPairOnce(String data) throws Exception {
        SampleFiles.CollectedErrors errors = new SampleFiles.CollectedErrors();
        WorkspaceViewModel workspace = SampleFiles.openSample(errors, data);
        try {
            ForgetLiveViewModel model = new ForgetLiveViewModel(workspace, new DirectJobRunner(), errors, false);
            int images = workspace.current().data().test().size();
            List<ForgetOutcome> shown = new ArrayList<>();
            model.outcomeProperty().addListener((property, before, now) -> shown.add(now));
            // warms the engine up with a set none of the toggles below asks for, so each is a first time
            model.setForgotten(new int[] {0, 1, 2});
            List<Double> first = new ArrayList<>();
            List<Double> whole = new ArrayList<>();
            List<Double> again = new ArrayList<>();
            for (int c = 0; c < 10; c++) {
                toggle(model, shown, new int[] {c}, first, whole);
            }
            for (int c = 0; c < 10; c++) {
                model.setForgotten(new int[] {c});
                assertTrue(model.outcomeProperty().get().cached());
                again.add(model.outcomeProperty().get().latencyMillis());
            }
            List<Double> pairFirst = new ArrayList<>();
            List<Double> pairWhole = new ArrayList<>();
            for (int c = 0; c < 9; c++) {
                toggle(model, shown, new int[] {c, c + 1}, pairFirst, pairWhole);
            }
            System.out.printf(Locale.ROOT, "toggle latency on %,d test images (%s), %d threads:%n"
                    + "  one class, not seen before: first answer %s; whole split %s%n"
                    + "  a pair, not seen before: first answer %s; whole split %s%n"
                    + "  seen before: %s%n"
                    + "  fusing a bank row into the weights (FilteredModel, once per evaluation): %s%n",
                    images, data, engineThreads(), summary(first), summary(whole), summary(pairFirst),
                    summary(pairWhole), summary(again), summary(fusionMillis(workspace.current())));
            assertEquals(List.of(), errors.messages);
            OptionalDouble reference = plainPyTorchMillis(data, images);
            if (reference.isPresent()) {
                System.out.printf(Locale.ROOT, "  against plain PyTorch's forward pass of the same %,d images (%.0f ms):"
                        + " first answer %.2fx, whole split %.2fx (medians, one class)%n", images, reference.getAsDouble(),
                        median(first) / reference.getAsDouble(), median(whole) / reference.getAsDouble());
            }
        } finally {
            workspace.close();
        }
    }

    /**
     * One uncached toggle: the latency of its first outcome (the estimate, or the whole split where
     * the split is too small for one) and of its whole-split outcome.
     */
    private static void toggle(ForgetLiveViewModel model, List<ForgetOutcome> shown, int[] classes, List<Double> first,
                               List<Double> whole) {
        shown.clear();
        model.setForgotten(classes);
        assertFalse(shown.isEmpty() || shown.get(0).cached(), Arrays.toString(classes) + " was evaluated");
        first.add(shown.get(0).latencyMillis());
        ForgetOutcome last = shown.get(shown.size() - 1);
        assertFalse(last.estimate());
        assertArrayEquals(classes, last.forgotten());
        whole.add(last.latencyMillis());
    }

    /** Milliseconds to multiply each single bank row into the weights, the first call excluded. */
    private static List<Double> fusionMillis(Workspace now) {
        List<Double> millis = new ArrayList<>();
        for (int row = -1; row < 10; row++) {
            long start = System.nanoTime();
            try (FilteredModel filtered = new FilteredModel(now.model().architecture(), now.model().weights(),
                    now.model().checkpoint().normalization(), now.bank().get().alphas(), new int[] {Math.max(0, row)})) {
                filtered.get("fc1.weight");
            }
            if (row >= 0) {
                millis.add((System.nanoTime() - start) / 1e6);
            }
        }
        return millis;
    }

    /**
     * Plain PyTorch's time for the same forward pass ({@code src/test/python/forward_reference.py},
     * Debian's python3-torch, as many threads as the engine here), run after the measurements above so
     * the two never share the cores; empty, saying why, where it cannot run.
     */
    private static OptionalDouble plainPyTorchMillis(String data, int images) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Path full = Path.of("/usr/share/datasets/fashion-mnist");
        Path folder = data.equals("fashion-mnist") && Files.isDirectory(full) ? full : Path.of("assets/fashion-mnist");
        if (!Files.isExecutable(python)) {
            System.out.println("  plain PyTorch reference skipped: no /usr/bin/python3");
            return OptionalDouble.empty();
        }
        Process process = new ProcessBuilder(python.toString(), "forward_reference.py",
                SampleFiles.MODEL.toAbsolutePath().toString(), "--data", folder.toAbsolutePath().toString(),
                "--images", Integer.toString(images), "--threads", Integer.toString(engineThreads()))
                .directory(Path.of("src/test/python").toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        process.waitFor();
        output.lines().forEach(line -> System.out.println("  " + line));
        java.util.regex.Matcher best = java.util.regex.Pattern.compile("best \\d+ images: (\\d+) ms").matcher(output);
        if (process.exitValue() != 0 || !best.find()) {
            System.out.println("  plain PyTorch reference failed (python3-torch installed?)");
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Double.parseDouble(best.group(1)));
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
            List<ForgetOutcome> shown = new ArrayList<>();
            model.outcomeProperty().addListener((property, before, now) -> shown.add(now));
            List<Double> first = new ArrayList<>();
            List<Double> whole = new ArrayList<>();
            for (int c = 0; c < 5; c++) {
                toggle(model, shown, new int[] {c}, first, whole);
            }
            assertTrue(training.isAlive(), "the round was still running after the toggles");
            assertTrue(stepsDone.get() > stepsBefore, "the round made progress while the toggles ran");
            assertEquals(List.of(), errors.messages);
            System.out.printf(Locale.ROOT, "toggle latency on 2,000 test images while untraining runs (steps %d to "
                    + "%d): first answer %s; whole split %s%n", stepsBefore, stepsDone.get(), summary(first),
                    summary(whole));
        } finally {
            stop.cancel();
            training.join();
            workspace.close();
        }
        assertTrue(ended.get() instanceof JobCancelledException, "the round ends by the cancel, not by " + ended.get());
    }

    /** The threads the engine really runs with ({@code OMP_NUM_THREADS} may have lowered the default). */
    private static int engineThreads() {
        TorchRuntime.engine();
        return ai.djl.pytorch.jni.JniUtils.getNumThreads();
    }

    private static double median(List<Double> millis) {
        return millis.stream().mapToDouble(Double::doubleValue).sorted().toArray()[millis.size() / 2];
    }

    private static String summary(List<Double> millis) {
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "median %.0f ms, max %.0f ms", sorted[sorted.length / 2],
                sorted[sorted.length - 1]) + " (" + Arrays.stream(sorted).mapToObj(v -> String.format(Locale.ROOT,
                "%.0f", v)).reduce((a, b) -> a + " " + b).orElse("") + ")";
    }
}
