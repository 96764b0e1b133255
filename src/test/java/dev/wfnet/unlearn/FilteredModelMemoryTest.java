package dev.wfnet.unlearn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.Normalization;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.model.Architecture;
import dev.wfnet.model.ArchitectureSpec;
import dev.wfnet.model.NetworkWeights;
import dev.wfnet.model.TinyArchitectures;
import dev.wfnet.model.TorchRuntime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forgetting a class set, predicting and closing, again and again, leaves the model's and the
 * bank's managers holding exactly what they held: the filtered weights go with the filtered model,
 * and no batch's arrays stay behind in the original weights' manager (where a ViT's would attach).
 */
class FilteredModelMemoryTest {

    @ParameterizedTest
    @MethodSource("dev.wfnet.model.TinyArchitectures#specs")
    void filteredModelsOpenedUsedAndClosedLeaveNoArrayBehind(ArchitectureSpec spec) throws Exception {
        Architecture architecture = TinyArchitectures.build(spec);
        ImageDataset images = TinyArchitectures.randomImages(8);
        BankLayout layout = BankLayout.of(architecture, new int[] {2, 5}, Granularity.WEIGHT,
                LayerSelection.defaults());
        try (NDManager modelManager = TorchRuntime.newManager(); NDManager bankManager = TorchRuntime.newManager()) {
            NetworkWeights weights = NetworkWeights.initialise(architecture, modelManager, 3);
            AlphaBank bank = AlphaBank.ones(layout, bankManager);
            int model = modelManager.getManagedArrays().size();
            int alphas = bankManager.getManagedArrays().size();
            for (int round = 0; round < 10; round++) {
                try (FilteredModel filtered = new FilteredModel(architecture, weights, Normalization.fashionMnist(),
                        bank, round % 2 == 0 ? new int[] {0} : new int[] {0, 1})) {
                    filtered.classifier().predict(images, CancellationToken.none());
                    filtered.classifier().probabilities(images, CancellationToken.none());
                }
            }
            assertEquals(model, modelManager.getManagedArrays().size(), spec + ": the model's arrays");
            assertEquals(alphas, bankManager.getManagedArrays().size(), spec + ": the bank's arrays");
        }
    }
}
