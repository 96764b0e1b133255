package dev.wfnet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.Normalization;
import dev.wfnet.jobs.CancellationToken;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inference leaves no array behind in any architecture of the catalogue: after many batches the
 * manager that holds the weights (and every manager under it) holds exactly the arrays it held
 * before. A count of live arrays, not a memory reading, so it cannot flake; it fails for the ViT
 * if batches are scoped by a sub-manager, because the ViT's results attach to its weights' manager
 * (its first operation is on the class token, a weight): 970 arrays after 20 batches.
 */
class InferenceMemoryTest {

    @ParameterizedTest
    @MethodSource("dev.wfnet.model.TinyArchitectures#specs")
    void manyBatchesLeaveTheArraysInUseWhereTheyWere(ArchitectureSpec spec) throws Exception {
        Architecture architecture = TinyArchitectures.build(spec);
        ImageDataset images = TinyArchitectures.randomImages(8);
        try (NDManager manager = TorchRuntime.newManager()) {
            NetworkWeights weights = NetworkWeights.initialise(architecture, manager, 3);
            Classifier classifier = new Classifier(architecture, weights, Normalization.fashionMnist(), manager);
            int before = manager.getManagedArrays().size();
            assertEquals(architecture.parameters().size(), before, "the weights alone");
            for (int call = 0; call < 10; call++) {
                classifier.predict(images, CancellationToken.none());
                classifier.probabilities(images, CancellationToken.none());
            }
            assertEquals(before, manager.getManagedArrays().size(), spec + ": live arrays after 20 batches");
        }
    }
}
