package dev.wfnet.unlearn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.Normalization;
import dev.wfnet.io.HostTensor;
import dev.wfnet.model.Architecture;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.model.ArchitectureSpec;
import dev.wfnet.model.Classifier;
import dev.wfnet.model.EngineValues;
import dev.wfnet.model.NativeManagerExtension;
import dev.wfnet.model.NetworkWeights;
import dev.wfnet.model.ParameterRole;
import dev.wfnet.model.ParameterSpec;
import dev.wfnet.model.TinyArchitectures;
import dev.wfnet.model.TorchRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The batched forward over row sets (every set of a stratified batch in one computation) gives the
 * loss and the alpha gradients of the per-set loop, to 1e-5, on every catalogue architecture, with
 * composed (two-row) sets, with biases and normalisation parameters filtered too, at both
 * granularities and with both ways of computing a grouped convolution. The loop, which runs each
 * set through the plain network, is the independent reference.
 */
@ExtendWith(NativeManagerExtension.class)
class BatchedRowsTest {
    private static final Normalization NORMALIZATION = new Normalization(new double[] {0.3}, new double[] {0.4});
    /** Conv with stride and batch norm, pooling, a linear layer with batch norm over features. */
    private static final ArchitectureSpec SEQUENTIAL = ArchitectureSpec.of("sequential", Map.of("layers",
            "Conv2d(1,4,3,stride=2,padding=1), BatchNorm2d(4), ReLU(), MaxPool2d(2), Flatten(), Linear(196,12), "
                    + "BatchNorm1d(12), Tanh(), Linear(12,10)"));

    private NDManager manager;

    @BeforeEach
    void open(NDManager manager) {
        this.manager = manager;
    }

    @AfterEach
    void defaultConvolution() {
        System.clearProperty("wfnet.grouped.convolution");
    }

    private static List<ArchitectureSpec> architectures() {
        List<ArchitectureSpec> specs = new ArrayList<>(TinyArchitectures.specs());
        specs.add(SEQUENTIAL);
        specs.add(ArchitectureSpec.of("small-cnn", Map.of("fit", "resize:32x32")));
        return specs;
    }

    @Test
    void batchedEqualsTheLoopOnEveryArchitecture() throws Exception {
        for (ArchitectureSpec spec : architectures()) {
            for (String convolution : List.of("unfold", "grouped")) {
                System.setProperty("wfnet.grouped.convolution", convolution);
                compare(spec, LayerSelection.defaults(), Granularity.WEIGHT, ForgetLoss.LOG_COMPLEMENT,
                        RetainTarget.LABELS, spec + " " + convolution);
            }
        }
    }

    @Test
    void batchedEqualsTheLoopWithBiasesNormsFiltersAndDistillation() throws Exception {
        LayerSelection everything = new LayerSelection(true, true, List.of());
        for (ArchitectureSpec spec : architectures()) {
            compare(spec, everything, Granularity.WEIGHT, ForgetLoss.INVERSE, RetainTarget.ORIGINAL,
                    spec + " biases+norms");
            compare(spec, everything, Granularity.FILTER, ForgetLoss.LOG_COMPLEMENT, RetainTarget.LABELS,
                    spec + " filter");
        }
    }

    @Test
    void aBatchedCheckPredictsWhatEachFilteredModelPredicts() throws Exception {
        ImageDataset data = TinyArchitectures.randomImages(70);
        List<int[]> sets = List.of(new int[] {0}, new int[] {3}, new int[] {1, 2}, new int[] {9});
        for (ArchitectureSpec spec : architectures()) {
            Architecture architecture = TinyArchitectures.build(spec);
            BankLayout layout = BankLayout.of(architecture, IntStream.range(0, 10).toArray(), Granularity.WEIGHT,
                    new LayerSelection(true, true, List.of()));
            try (NDManager scope = manager.newSubManager()) {
                NetworkWeights network = NetworkWeights.load(architecture, weightsWithStatistics(architecture), scope,
                        "test");
                AlphaBank bank = AlphaBank.load(layout, AlphaBankTest.randomAlphas(layout, 2, 0f, 1f), scope, "test");
                int[][] grouped;
                try (NDScope checkScope = new NDScope()) {
                    RowSetParameters filtered = new RowSetParameters(bank, network, sets).formAll();
                    grouped = new Classifier(architecture, filtered, NORMALIZATION, scope).predictGroups(data,
                            CancellationToken.none());
                }
                assertEquals(sets.size(), grouped.length);
                for (int i = 0; i < sets.size(); i++) {
                    try (FilteredModel alone = new FilteredModel(architecture, network, NORMALIZATION, bank,
                            sets.get(i))) {
                        assertArrayEquals(alone.classifier().predict(data, CancellationToken.none()), grouped[i],
                                spec + ", set " + java.util.Arrays.toString(sets.get(i)));
                    }
                }
            }
        }
    }

    @Test
    void unequalSetsRunTheLoop() throws Exception {
        Architecture architecture = TinyArchitectures.build(TinyArchitectures.specs().get(0));
        BankLayout layout = BankLayout.of(architecture, IntStream.range(0, 10).toArray(), Granularity.WEIGHT,
                LayerSelection.defaults());
        WfnetObjective objective = new WfnetObjective(architecture, name -> null, UntrainConfig.defaults(),
                WfnetObjective.Rows.BATCHED);
        ImageDataset data = TinyArchitectures.randomImages(60);
        int[] labels = data.labels();
        LabelExpansion paper = LabelExpansion.draw(LabelExpansion.forgetPool(labels, layout),
                LabelExpansion.retainPool(labels, layout), labels, layout, 16, 2, new Random(3));
        assertFalse(objective.batches(GroupedBatch.of(paper, data, NORMALIZATION)));
        assertTrue(objective.batches(GroupedBatch.of(stratified(data, layout, 1), data, NORMALIZATION)));
        assertFalse(new WfnetObjective(architecture, name -> null, UntrainConfig.defaults(), WfnetObjective.Rows.LOOP)
                .batches(GroupedBatch.of(stratified(data, layout, 1), data, NORMALIZATION)));
    }

    private static LabelExpansion stratified(ImageDataset data, BankLayout layout, long seed) {
        int[] labels = data.labels();
        int[] all = IntStream.range(0, data.size()).toArray();
        boolean[] frozen = new boolean[layout.rows()];
        frozen[2] = true;
        double[][] partners = LabelExpansion.partnerProbabilities(layout, new int[0], new int[0]);
        return LabelExpansion.stratified(LabelExpansion.poolsByRow(all, labels, layout), all, labels, layout, frozen,
                2, 3, 0.5, partners, new Random(seed));
    }

    private void compare(ArchitectureSpec spec, LayerSelection selection, Granularity granularity, ForgetLoss loss,
                         RetainTarget target, String what) throws Exception {
        Architecture architecture = TinyArchitectures.build(spec);
        BankLayout layout = BankLayout.of(architecture, IntStream.range(0, 10).toArray(), granularity, selection);
        ImageDataset data = TinyArchitectures.randomImages(80);
        LabelExpansion expansion = stratified(data, layout, 7);
        assertTrue(expansion.rowSets().stream().anyMatch(set -> set.length == 2), "some sets are composed");
        UntrainConfig config = UntrainConfig.builder().set(UntrainConfig.FORGET_LOSS, loss)
                .set(UntrainConfig.RETAIN_TARGET, target).set(UntrainConfig.EPSILON, 0.5).build();
        Map<String, HostTensor> weights = weightsWithStatistics(architecture);
        Map<String, HostTensor> alphas = AlphaBankTest.randomAlphas(layout, 9, 0.3f, 1f);
        Evaluated loop = evaluate(architecture, weights, layout, alphas, config, WfnetObjective.Rows.LOOP, expansion,
                data);
        Evaluated batched = evaluate(architecture, weights, layout, alphas, config, WfnetObjective.Rows.BATCHED,
                expansion, data);
        assertEquals(loop.loss, batched.loss, 1e-5 * Math.max(1, Math.abs(loop.loss)), what + ": loss");
        double largest = loop.gradients.values().stream()
                .flatMapToDouble(g -> IntStream.range(0, g.length).mapToDouble(i -> Math.abs(g[i]))).max().orElse(0);
        assertTrue(largest > 0, what + ": the gradient is not zero");
        for (String name : loop.gradients.keySet()) {
            float[] expected = loop.gradients.get(name);
            float[] actual = batched.gradients.get(name);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-5 * Math.max(1, largest),
                        what + ": gradient of " + name + " [" + i + "]");
            }
        }
    }

    /** Initialised weights with batch-norm statistics that are not zero and one. */
    private Map<String, HostTensor> weightsWithStatistics(Architecture architecture) {
        Map<String, HostTensor> host = new LinkedHashMap<>(
                NetworkWeights.initialise(architecture, manager, 21).toHost());
        Random random = new Random(4);
        for (ParameterSpec parameter : architecture.parameters()) {
            if (parameter.role() == ParameterRole.RUNNING_STAT) {
                HostTensor tensor = host.get(parameter.name());
                float[] values = new float[tensor.data().length];
                boolean variance = parameter.name().endsWith("running_var");
                for (int i = 0; i < values.length; i++) {
                    values[i] = variance ? 0.5f + random.nextFloat() : 0.2f * (float) random.nextGaussian();
                }
                host.put(parameter.name(), new HostTensor(tensor.shape(), values));
            } else if (parameter.role() == ParameterRole.NORM_WEIGHT || parameter.role() == ParameterRole.NORM_BIAS) {
                HostTensor tensor = host.get(parameter.name());
                float[] values = tensor.data().clone();
                for (int i = 0; i < values.length; i++) {
                    values[i] += 0.1f * (float) random.nextGaussian();
                }
                host.put(parameter.name(), new HostTensor(tensor.shape(), values));
            }
        }
        return host;
    }

    private record Evaluated(double loss, Map<String, float[]> gradients) {
    }

    private Evaluated evaluate(Architecture architecture, Map<String, HostTensor> weights, BankLayout layout,
                               Map<String, HostTensor> alphas, UntrainConfig config, WfnetObjective.Rows rows,
                               LabelExpansion expansion, ImageDataset data) throws Exception {
        try (NDManager scope = manager.newSubManager()) {
            NetworkWeights network = NetworkWeights.load(architecture, weights, scope, "test");
            AlphaBank bank = AlphaBank.load(layout, alphas, scope, "test");
            GroupedBatch batch = GroupedBatch.of(expansion, data, NORMALIZATION);
            WfnetObjective objective = new WfnetObjective(architecture, network, config, rows);
            assertEquals(rows == WfnetObjective.Rows.BATCHED, objective.batches(batch));
            NDArray images = EngineValues.copyOf(scope, batch.pixels(),
                    new Shape(data.shape().asBatchShape(batch.size())));
            NDArray labels = EngineValues.copyOf(scope, batch.labels());
            bank.alphas().values().forEach(a -> a.setRequiresGradient(true));
            WfnetObjective.Terms terms;
            try (GradientCollector collector = TorchRuntime.engine().newGradientCollector()) {
                terms = objective.evaluate(bank, batch, images, labels);
                collector.backward(terms.loss());
            }
            Map<String, float[]> gradients = new LinkedHashMap<>();
            bank.alphas().forEach((name, a) -> gradients.put(name, a.getGradient().toFloatArray()));
            return new Evaluated(terms.loss().getFloat(), gradients);
        }
    }
}
