package dev.wfnet.app.alphamaps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.app.SampleFiles;
import dev.wfnet.app.SampleWorkspace;
import dev.wfnet.app.background.DirectJobRunner;
import dev.wfnet.explain.FilterScores;
import dev.wfnet.unlearn.FilteredTensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AlphaMapsViewModelTest {
    @RegisterExtension
    final SampleWorkspace sample = new SampleWorkspace();
    private AlphaMapsViewModel model;

    @BeforeEach
    void open() {
        model = new AlphaMapsViewModel(sample.workspace(), new DirectJobRunner(), sample.errors());
    }

    /** The fraction of one row's alphas in a layer below a threshold, counted from the bank file's array. */
    private double fractionBelow(String layer, int row, double threshold) {
        float[] alphas = sample.workspace().current().bank().orElseThrow().checkpoint().alphas().get(layer).data();
        int perRow = alphas.length / 10;
        int below = 0;
        for (int i = row * perRow; i < (row + 1) * perRow; i++) {
            below += alphas[i] < threshold ? 1 : 0;
        }
        return (double) below / perRow;
    }

    @Test
    void mapsEveryFilteredLayerAsClassesByFilters() {
        assertEquals(List.of("conv1.weight", "conv2.weight", "fc1.weight", "fc2.weight"), model.layers());
        assertEquals("conv1.weight", model.layerProperty().get());
        assertEquals(10, model.heatmap().orElseThrow().figure().rows());
        assertEquals(32, model.heatmap().orElseThrow().columns());
        model.layerProperty().set("fc1.weight");
        assertEquals(128, model.heatmap().orElseThrow().columns());
        assertTrue(model.heatmap().orElseThrow().describe(8, 3).startsWith("fc1.weight, filter 3"));
        assertTrue(sample.errors().messages.isEmpty(), sample.errors().messages.toString());
    }

    @Test
    void thresholdChangesTheSparsityToTheCountsOfTheAlphaArrays() {
        model.thresholdProperty().set(0.9);
        double[] fc1 = model.sparsityFigure().orElseThrow().series().get(2).values();
        assertEquals("fc1.weight", model.sparsityFigure().orElseThrow().series().get(2).name());
        for (int row = 0; row < 10; row++) {
            assertEquals(fractionBelow("fc1.weight", row, 0.9), fc1[row], 1e-12);
        }
        model.thresholdProperty().set(0.99);
        double[] higher = model.sparsityFigure().orElseThrow().series().get(2).values();
        for (int row = 0; row < 10; row++) {
            assertEquals(fractionBelow("fc1.weight", row, 0.99), higher[row], 1e-12);
        }
        assertNotEquals(fc1[0], higher[0], "a higher threshold counts more alphas as switched off");
    }

    @Test
    void aClickShowsThatFiltersKernelAsInputChannelByPosition() {
        model.layerProperty().set("conv2.weight");
        model.orderProperty().set(FilterOrder.SPECIFICITY);
        int filter = model.heatmap().orElseThrow().filterAt(5);
        model.choose(2, 5);
        assertEquals(new AlphaMapsViewModel.Cell(2, filter), model.cellProperty().get());
        var kernel = model.kernelFigure().orElseThrow();
        assertEquals(32, kernel.rows());
        assertEquals(9, kernel.columns());
        float[] alphas = sample.workspace().current().bank().orElseThrow().checkpoint().alphas().get("conv2.weight")
                .data();
        int start = (2 * 64 + filter) * 288;
        assertEquals(alphas[start + 7 * 9 + 4], kernel.values()[7][4], 0);
        model.layerProperty().set("fc1.weight");
        assertTrue(model.kernelFigure().isEmpty(), "another layer forgets the chosen cell");
    }

    @Test
    void withoutABankThereIsNothingToShowAndANewBankIsShownAtOnce() {
        sample.workspace().openModel(SampleFiles.MODEL);
        assertFalse(model.bankOpenProperty().get());
        assertTrue(model.layers().isEmpty());
        assertTrue(model.heatmap().isEmpty());
        assertTrue(model.sparsityFigure().isEmpty());
        sample.workspace().openBank(SampleFiles.BANK);
        assertTrue(model.bankOpenProperty().get());
        assertEquals(4, model.layers().size());
        assertEquals(32, model.heatmap().orElseThrow().columns());
    }

    @Test
    void stateKeepsLayerOrderAndThreshold() {
        model.layerProperty().set("fc2.weight");
        model.orderProperty().set(FilterOrder.SPECIFICITY);
        model.thresholdProperty().set(0.8);
        var state = model.saveState();
        AlphaMapsViewModel other = new AlphaMapsViewModel(sample.workspace(), new DirectJobRunner(), sample.errors());
        other.restoreState(state);
        assertEquals("fc2.weight", other.layerProperty().get());
        assertEquals(FilterOrder.SPECIFICITY, other.orderProperty().get());
        assertEquals(0.8, other.statisticsProperty().get().threshold());
    }

    @Test
    void specificityOrderPutsTheFilterOneClassOwnsFirst() {
        // filter 2 is switched off by class 1 alone; filter 0 by every class (specificity 0)
        double[][] means = {{0.1, 1, 1, 1}, {0.1, 1, 0.2, 1}, {0.1, 0.9, 1, 1}};
        FilterScores scores = new FilterScores("layer", means, FilterScores.specificity(means));
        assertArrayEquals(new int[] {2, 1, 0, 3}, FilterOrder.SPECIFICITY.order(scores));
        assertArrayEquals(new int[] {0, 1, 2, 3}, FilterOrder.INDEX.order(scores));
    }

    @Test
    void kernelGridsAreReadable() {
        FilteredTensor conv1 = new FilteredTensor("conv1.weight", new long[] {32, 1, 3, 3}, new long[] {10, 32, 1, 3, 3});
        FilteredTensor conv2 = new FilteredTensor("conv2.weight", new long[] {64, 32, 3, 3},
                new long[] {10, 64, 32, 3, 3});
        FilteredTensor fc1 = new FilteredTensor("fc1.weight", new long[] {128, 3136}, new long[] {10, 128, 3136});
        FilteredTensor fc2 = new FilteredTensor("fc2.weight", new long[] {10, 128}, new long[] {10, 10, 128});
        assertEquals(List.of(3, 3), dims(KernelGrid.of(conv1, null, 9)));
        assertEquals(List.of(32, 9), dims(KernelGrid.of(conv2, conv1, 288)));
        assertEquals(List.of(64, 49), dims(KernelGrid.of(fc1, conv2, 3136)));
        assertEquals(List.of(8, 16), dims(KernelGrid.of(fc2, fc1, 128)));
        assertEquals(List.of(1, 1), dims(KernelGrid.of(conv2, conv1, 1)));
    }

    private static List<Integer> dims(KernelGrid grid) {
        return List.of(grid.rows(), grid.columns());
    }
}
