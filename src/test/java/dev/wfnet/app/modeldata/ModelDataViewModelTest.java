package dev.wfnet.app.modeldata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.app.SampleFiles;
import dev.wfnet.app.workspace.WorkspaceViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelDataViewModelTest {
    private final SampleFiles.CollectedErrors errors = new SampleFiles.CollectedErrors();
    private WorkspaceViewModel workspace;

    @BeforeEach
    void open() {
        workspace = SampleFiles.openSample(errors);
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    @Test
    void tableListsEveryParameterAndMarksTheBanksFilteredWeights() {
        ModelDataViewModel model = new ModelDataViewModel(workspace);
        assertEquals(8, model.parameters().size());
        assertEquals(new ParameterRow("conv2.weight", "weight", "64x32x3x3", 64 * 32 * 3 * 3, true),
                model.parameters().get(2));
        assertFalse(model.parameters().get(3).filtered(), "conv2.bias is not filtered by the sample bank");
        assertTrue(model.summaryProperty().get().contains("small-cnn-bank.safetensors: 10 classes"));
    }

    @Test
    void accuracyIsTheOriginalPredictionsAgainstTheLabels() {
        ModelDataViewModel model = new ModelDataViewModel(workspace);
        var test = workspace.current().data().test();
        int[] predictions = workspace.current().originalPredictions();
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
        ModelDataViewModel model = new ModelDataViewModel(workspace);
        var before = workspace.current();
        model.chooseDataset(new DatasetChoice("missing", "idx:/nonexistent/folder"));
        assertEquals(before, workspace.current());
        assertEquals(1, errors.messages.size());
        assertTrue(errors.messages.get(0).startsWith("Loading idx:/nonexistent/folder: "), errors.messages.get(0));
    }
}
