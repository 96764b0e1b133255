package dev.wfnet.unlearn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.wfnet.data.DatasetSplits;
import dev.wfnet.data.FashionMnist;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.model.EngineValues;
import dev.wfnet.model.LoadedModel;
import dev.wfnet.model.TorchRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a default round's parts cost on a sample model, each way of computing them side by side:
 * a training step (forward, backward, update, clamp) with the per-set loop and with the batched
 * forward (unfolded or grouped convolutions); a check of every row on the
 * held-out screen, per row and batched; a checkpoint written on the training thread and handed to
 * the background writer. Modes alternate round by round so that a change in load hits all of them.
 * Prints figures (medians over rounds), asserts none about time. Run alone, on an idle machine:
 * {@code mvn test -Dgroups=benchmark -Dwfnet.excludedGroups= -Dtest=UntrainStepBenchmark} (add
 * {@code -Dwfnet.bench.samples=small-cnn} for one sample model, {@code -Dwfnet.bench.modes=loop,batched grouped}
 * for some of the ways of stepping, {@code -Dwfnet.bench.parts=steps} for the steps alone).
 */
@Tag("benchmark")
class UntrainStepBenchmark {
    private static final int ROUNDS = 5;
    private static final int STEPS_PER_ROUND = 10;
    private static final int CHECK_ROUNDS = 3;

    @TempDir
    Path dir;

    private record Mode(String name, WfnetObjective.Rows rows, String convolution) {
    }

    private static final List<Mode> MODES = List.of(
            new Mode("loop", WfnetObjective.Rows.LOOP, "unfold"),
            new Mode("batched unfold", WfnetObjective.Rows.BATCHED, "unfold"),
            new Mode("batched grouped", WfnetObjective.Rows.BATCHED, "grouped"));

    /** The modes named in {@code -Dwfnet.bench.modes}, comma-separated (all by default). */
    private static List<Mode> modes() {
        List<String> wanted = List.of(System.getProperty("wfnet.bench.modes", "").split(","));
        return MODES.stream().filter(mode -> wanted.contains("") || wanted.contains(mode.name())).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"small-cnn", "resnet20"})
    void stepsChecksAndCheckpoints(String sample) throws Exception {
        // -Dwfnet.bench.samples=small-cnn runs one sample model only
        Assumptions.assumeTrue(System.getProperty("wfnet.bench.samples", sample).contains(sample));
        LoadedModel model = LoadedModel.open(Path.of("sample-models", sample + ".safetensors"));
        DatasetSplits data = FashionMnist.loadBundled();
        ImageDataset train = data.train();
        UntrainConfig defaults = UntrainConfig.defaults();
        BankLayout layout = BankLayout.of(model.architecture(), defaults.bankClasses(10), defaults.granularity(),
                defaults.selection());
        int[] labels = train.labels();
        HeldOutSplit split = HeldOutSplit.of(train, defaults.validationPerClass());
        int[] candidates = split.trainIndices();
        int[][] pools = LabelExpansion.poolsByRow(LabelExpansion.forgetPool(candidates, labels, layout), labels,
                layout);
        int[] retainPool = LabelExpansion.retainPool(candidates, labels, layout);
        double[][] partners = LabelExpansion.partnerProbabilities(layout, new int[0], new int[0]);
        int half = defaults.batchSize() / 2;
        int forgetPerRow = Math.round((float) half / layout.rows());
        int retainPerRow = Math.round((float) half * defaults.copies() / layout.rows());
        Map<String, List<Double>> stepMillis = new LinkedHashMap<>();
        modes().forEach(mode -> stepMillis.put(mode.name(), new ArrayList<>()));
        Map<String, long[]> partNanos = new LinkedHashMap<>();
        modes().forEach(mode -> partNanos.put(mode.name(), new long[3]));
        try (NDManager manager = TorchRuntime.newManager()) {
            AlphaBank bank = AlphaBank.ones(layout, manager);
            AlphaAdam optimizer = new AlphaAdam(defaults.optimizer(), bank.alphas());
            boolean[] frozen = new boolean[layout.rows()];
            Random random = new Random(1);
            for (int round = 0; round <= ROUNDS; round++) {
                for (Mode mode : modes()) {
                    System.setProperty("wfnet.grouped.convolution", mode.convolution());
                    WfnetObjective objective = new WfnetObjective(model.architecture(), model.weights(), defaults,
                            mode.rows());
                    long[] parts = partNanos.get(mode.name());
                    long start = System.nanoTime();
                    for (int step = 0; step < STEPS_PER_ROUND; step++) {
                        LabelExpansion expansion = LabelExpansion.stratified(pools, retainPool, labels, layout,
                                frozen, forgetPerRow, retainPerRow, defaults.compose(), partners, random);
                        GroupedBatch batch = GroupedBatch.of(expansion, train, model.checkpoint().normalization());
                        try (NDScope scope = new NDScope()) {
                            NDArray images = EngineValues.copyOf(manager, batch.pixels(),
                                    new Shape(train.shape().asBatchShape(batch.size())));
                            NDArray labelArray = EngineValues.copyOf(manager, batch.labels());
                            long passes = System.nanoTime();
                            try (GradientCollector collector = TorchRuntime.engine().newGradientCollector()) {
                                collector.backward(objective.evaluate(bank, batch, images, labelArray).loss());
                            }
                            assertTrue(optimizer.gradientsFinite(), mode.name());
                            long update = System.nanoTime();
                            optimizer.step(1e-4, new RowStepShares(layout.rows(), 1).forStep(frozen));
                            long clamp = System.nanoTime();
                            bank.clamp();
                            if (round > 0) {
                                parts[0] += update - passes;
                                parts[1] += clamp - update;
                                parts[2] += System.nanoTime() - clamp;
                            }
                        }
                    }
                    if (round > 0) {
                        // round 0 warms every mode up
                        stepMillis.get(mode.name()).add((System.nanoTime() - start) / 1e6 / STEPS_PER_ROUND);
                    }
                }
            }
            System.clearProperty("wfnet.grouped.convolution");
            stepMillis.forEach((mode, millis) -> System.out.printf(Locale.ROOT,
                    "%s, default batch (%d forget + %d retain per row, 10 rows), %s: step %s ms (median %.1f)%n",
                    sample, forgetPerRow, retainPerRow, mode, millis, median(millis)));
            partNanos.forEach((mode, parts) -> System.out.printf(Locale.ROOT, "%s, %s, mean per step: forward and "
                    + "backward %.1f ms, optimiser update %.1f ms, clamp %.1f ms%n", sample, mode,
                    parts[0] / 1e6 / (ROUNDS * STEPS_PER_ROUND), parts[1] / 1e6 / (ROUNDS * STEPS_PER_ROUND),
                    parts[2] / 1e6 / (ROUNDS * STEPS_PER_ROUND)));

            if (!System.getProperty("wfnet.bench.parts", "checks").contains("checks")) {
                return;
            }
            RowChecks checks = new RowChecks(model, split.validation(), layout, defaults, CancellationToken.none());
            List<int[]> everyRow = IntStream.range(0, layout.rows()).mapToObj(row -> new int[] {row}).toList();
            Map<String, List<Double>> checkMillis = new LinkedHashMap<>();
            for (String way : List.of("per row", "batched grouped", "batched unfold", "a default check")) {
                checkMillis.put(way, new ArrayList<>());
            }
            for (int round = 0; round <= CHECK_ROUNDS; round++) {
                long start = System.nanoTime();
                System.setProperty("wfnet.untrain.rows", "loop");
                checks.predict(bank, everyRow, split.validation());
                long perRow = System.nanoTime();
                System.setProperty("wfnet.untrain.rows", "batched");
                checks.predict(bank, everyRow, split.validation());
                long grouped = System.nanoTime();
                System.setProperty("wfnet.grouped.convolution", "unfold");
                checks.predict(bank, everyRow, split.validation());
                System.clearProperty("wfnet.grouped.convolution");
                System.clearProperty("wfnet.untrain.rows");
                long unfold = System.nanoTime();
                checks.check(bank, frozen, List.of());
                long checked = System.nanoTime();
                if (round > 0) {
                    checkMillis.get("per row").add((perRow - start) / 1e6);
                    checkMillis.get("batched grouped").add((grouped - perRow) / 1e6);
                    checkMillis.get("batched unfold").add((unfold - grouped) / 1e6);
                    checkMillis.get("a default check").add((checked - unfold) / 1e6);
                }
            }
            checkMillis.forEach((way, millis) -> System.out.printf(Locale.ROOT, "%s, every row on the %d held-out "
                    + "images, %s: %s ms (median %.0f)%n", sample, split.validation().size(), way, millis,
                    median(millis)));

            Path file = dir.resolve("bench.checkpoint.safetensors");
            List<Double> onThread = new ArrayList<>();
            List<Double> handedOver = new ArrayList<>();
            try (CheckpointWriter writer = new CheckpointWriter()) {
                for (int round = 0; round <= ROUNDS; round++) {
                    long start = System.nanoTime();
                    checkpoint(bank, optimizer, layout, model).write(file);
                    long mid = System.nanoTime();
                    writer.submit(checkpoint(bank, optimizer, layout, model), file);
                    long end = System.nanoTime();
                    writer.finish();
                    if (round > 0) {
                        onThread.add((mid - start) / 1e6);
                        handedOver.add((end - mid) / 1e6);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%s, a checkpoint (%.0f MB): written on the training thread %s ms (median "
                            + "%.0f); handed to the background writer %s ms (median %.0f)%n", sample,
                    Files.size(file) / 1048576.0, onThread, median(onThread), handedOver, median(handedOver));
        }
    }

    private static BankCheckpoint checkpoint(AlphaBank bank, AlphaAdam optimizer, BankLayout layout,
                                             LoadedModel model) {
        return new BankCheckpoint(layout, model.sha256(), model.checkpoint().classNames(), UntrainConfig.defaults(),
                1, bank.toHost(), dev.wfnet.model.HostCopies.of(optimizer.firstMoments()),
                dev.wfnet.model.HostCopies.of(optimizer.secondMoments()), new dev.wfnet.io.Provenance("untrain",
                Map.of("model", model.sha256()), 0L, Map.of(), Map.of(), java.time.Instant.now(), 0));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
