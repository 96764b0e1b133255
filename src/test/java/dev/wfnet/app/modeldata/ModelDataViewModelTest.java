package dev.wfnet.app.modeldata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.app.SampleWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ModelDataViewModelTest {
    @RegisterExtension
    final SampleWorkspace sample = new SampleWorkspace();

    @Test
    void tableListsEveryParameterAndMarksTheBanksFilteredWeights() {
        ModelDataViewModel model = new ModelDataViewModel(sample.workspace());
        assertEquals(8, model.parameters().size());
        assertEquals(new ParameterRow("conv2.weight", "weight", "64x32x3x3", 64 * 32 * 3 * 3, true),
                model.parameters().get(2));
        assertFalse(model.parameters().get(3).filtered(), "conv2.bias is not filtered by the sample bank");
        assertTrue(model.summaryProperty().get().contains("small-cnn-bank.safetensors: 10 classes"));
    }

    @Test
    void accuracyIsTheOriginalPredictionsAgainstTheLabels() {
        ModelDataViewModel model = new ModelDataViewModel(sample.workspace());
        var test = sample.workspace().current().data().test();
        int[] predictions = sample.workspace().current().originalPredictions();
        int correctBags = 0;
        int bags = 0;
        for (int i = 0; i < test.size(); i++) {
            if (test.label(i) == 8) {
                bags++;
                correctBags += predictions[i] == 8 ? 1 : 0;
            }
        }
        assertEquals(200, bags);
        assertEquals((double) correctBags / bags, model.accuracyProperty().get().classAccuracy(8), 1e-12);
        assertEquals(100.0 * correctBags / bags, model.accuracyFigure().series().get(0).values()[8], 1e-9);
    }

    @Test
    void aDatasetOfAnotherShapeIsRefusedAndTheWorkspaceStays() {
        ModelDataViewModel model = new ModelDataViewModel(sample.workspace());
        var before = sample.workspace().current();
        model.chooseDataset(new DatasetChoice("missing", "idx:/nonexistent/folder"));
        assertEquals(before, sample.workspace().current());
        assertEquals(1, sample.errors().messages.size());
        String message = sample.errors().messages.get(0);
        assertTrue(message.startsWith("Loading idx:/nonexistent/folder: "), message);
    }
}
