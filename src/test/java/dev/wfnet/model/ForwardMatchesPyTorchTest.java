package dev.wfnet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.wfnet.io.HostTensor;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each architecture of the catalogue, given PyTorch's weights, computes PyTorch's logits (fixtures
 * from src/test/python/make_fixtures.py, written independently in plain torch).
 */
@ExtendWith(NativeManagerExtension.class)
class ForwardMatchesPyTorchTest {

    @ParameterizedTest
    @ValueSource(strings = {"small-cnn", "mlp", "resnet20", "resnet18", "vit"})
    void evalLogitsMatchPyTorch(String name, NDManager manager) throws Exception {
        TorchFixture fixture = TorchFixture.load(name);
        Architecture architecture = fixture.architecture();
        assertEquals(fixture.spec().id(), architecture.spec().id());
        NetworkWeights weights = fixture.weights(architecture, manager);
        NDArray logits = architecture.forward(weights, fixture.array("__input", manager), false);
        double error = TorchFixture.assertClose(name + " eval logits", fixture.extra("__logits_eval"), logits);
        System.out.printf("%s: eval logits max abs error vs PyTorch %.3g%n", name, error);
    }

    /**
     * Training mode uses batch statistics and updates the running statistics in place, as
     * torch's BatchNorm2d does (momentum 0.1, unbiased variance for the running variance).
     */
    @ParameterizedTest
    @ValueSource(strings = {"resnet20", "resnet18"})
    void trainingModeMatchesPyTorchAndUpdatesRunningStatisticsInPlace(String name, NDManager manager) throws Exception {
        TorchFixture fixture = TorchFixture.load(name);
        Architecture architecture = fixture.architecture();
        NetworkWeights weights = fixture.weights(architecture, manager);
        NDArray logits = architecture.forward(weights, fixture.array("__input", manager), true);
        double error = TorchFixture.assertClose(name + " training logits", fixture.extra("__logits_train"), logits);
        int checked = 0;
        for (Map.Entry<String, HostTensor> entry : fixture.extras().entrySet()) {
            if (!entry.getKey().startsWith(TorchFixture.AFTER_TRAIN)) {
                continue;
            }
            String parameter = entry.getKey().substring(TorchFixture.AFTER_TRAIN.length());
            HostTensor before = fixture.parameters().get(parameter);
            assertFalse(java.util.Arrays.equals(before.data(), entry.getValue().data()),
                    parameter + " should have moved in PyTorch");
            error = Math.max(error, TorchFixture.assertClose(parameter + " after one training pass",
                    entry.getValue(), weights.get(parameter)));
            checked++;
        }
        long expected = architecture.parameters().stream()
                .filter(spec -> spec.role() == ParameterRole.RUNNING_STAT).count();
        assertEquals(expected, checked, "every running statistic is compared");
        System.out.printf("%s: training logits and running stats max abs error vs PyTorch %.3g%n", name, error);
    }

    /**
     * The WF-Net contract: parameters come from the source at call time, so a source that returns
     * {@code w * alpha} filters the network, and the gradient reaches every alpha.
     */
    @ParameterizedTest
    @ValueSource(strings = {"small-cnn", "mlp", "resnet20", "resnet18", "vit"})
    void gradientReachesAnAlphaOnEveryTrainableParameter(String name, NDManager manager) throws Exception {
        TorchFixture fixture = TorchFixture.load(name);
        Architecture architecture = fixture.architecture();
        NetworkWeights weights = fixture.weights(architecture, manager);
        Map<String, NDArray> alphas = new java.util.LinkedHashMap<>();
        weights.trainable().forEach((parameter, value) -> {
            NDArray alpha = manager.ones(value.getShape());
            alpha.setRequiresGradient(true);
            alphas.put(parameter, alpha);
        });
        ParameterSource filtered = parameter -> alphas.containsKey(parameter)
                ? weights.get(parameter).mul(alphas.get(parameter)) : weights.get(parameter);
        try (ai.djl.training.GradientCollector collector = TorchRuntime.engine().newGradientCollector()) {
            NDArray logits = architecture.forward(filtered, fixture.array("__input", manager), false);
            TorchFixture.assertClose(name + " filtered by ones", fixture.extra("__logits_eval"), logits);
            collector.backward(logits.get(new ai.djl.ndarray.index.NDIndex(":, 0")).sum());
        }
        alphas.forEach((parameter, alpha) -> {
            float[] gradient = alpha.getGradient().toFloatArray();
            assertTrue(java.util.stream.IntStream.range(0, gradient.length).anyMatch(i -> gradient[i] != 0f),
                    name + ": no gradient reaches the alpha of " + parameter);
        });
    }

    @Test
    void evalModeLeavesRunningStatisticsAlone(NDManager manager) throws Exception {
        TorchFixture fixture = TorchFixture.load("resnet20");
        Architecture architecture = fixture.architecture();
        NetworkWeights weights = fixture.weights(architecture, manager);
        architecture.forward(weights, fixture.array("__input", manager), false);
        HostTensor before = fixture.parameters().get("layer1.0.bn1.running_var");
        assertTrue(java.util.Arrays.equals(before.data(), weights.get("layer1.0.bn1.running_var").toFloatArray()));
    }
}
