package dev.wfnet.app.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.app.SampleFiles;
import dev.wfnet.app.SampleWorkspace;
import dev.wfnet.app.background.DirectJobRunner;
import dev.wfnet.explain.FilterRanking;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClassMappingViewModelTest {
    @RegisterExtension
    final SampleWorkspace sample = new SampleWorkspace();
    private ClassMappingViewModel model;

    @BeforeEach
    void open() {
        model = new ClassMappingViewModel(sample.workspace(), new DirectJobRunner(), sample.errors());
    }

    @Test
    void similarityIsAClassByClassHeatmapInClusteringOrder() {
        var figure = model.similarityFigure().orElseThrow();
        assertEquals(10, figure.rows());
        assertEquals(10, figure.columns());
        int[] order = model.reportProperty().get().similarity().order();
        assertEquals(model.classes().get(order[0]), figure.rowLabels().get(0));
        assertEquals(1.0, figure.values()[3][3], 1e-9, "a class is its own most similar");
        model.jaccardProperty().set(true);
        assertTrue(model.similarityFigure().orElseThrow().title().contains("Jaccard"));
    }

    @Test
    void tableListsTheChosenClasssLowestAlphaFiltersPerLayer() {
        model.chosenClassProperty().set("Bag");
        assertEquals(8, model.chosenRow());
        assertFalse(model.filters().isEmpty());
        var scores = model.reportProperty().get().statistics().scores("fc1.weight");
        var fc1 = model.filters().stream().filter(row -> row.layer().equals("fc1.weight")).toList();
        assertEquals(1, fc1.get(0).rank());
        double lowest = Double.POSITIVE_INFINITY;
        for (int f = 0; f < scores.filters(); f++) {
            lowest = Math.min(lowest, scores.meanAlpha(8, f));
        }
        assertEquals(lowest, fc1.get(0).meanAlpha(), 0);
        assertEquals(scores.meanAlpha(8, fc1.get(0).filter()), fc1.get(0).meanAlpha(), 0);
        model.rankingProperty().set(FilterRanking.HIGHEST_SPECIFICITY);
        var bySpecificity = model.filters().stream().filter(row -> row.layer().equals("fc1.weight")).toList();
        for (int i = 1; i < bySpecificity.size(); i++) {
            assertTrue(bySpecificity.get(i - 1).specificity() >= bySpecificity.get(i).specificity());
        }
    }

    @Test
    void sharingBarsCountExclusiveAndSharedFiltersPerLayer() {
        model.thresholdProperty().set(0.95);
        var bars = model.sharingFigure().orElseThrow();
        assertEquals(4, bars.categories().size());
        var map = model.filterMap().orElseThrow();
        assertEquals(map.sharing("fc1.weight").exclusive(), bars.series().get(0).values()[2], 0);
        assertEquals(map.sharing("fc1.weight").shared(), bars.series().get(1).values()[2], 0);
        assertEquals(0.95, map.threshold());
    }

    @Test
    void stateKeepsClassMeasureRankingAndThreshold() {
        model.chosenClassProperty().set("Coat");
        model.jaccardProperty().set(true);
        model.rankingProperty().set(FilterRanking.HIGHEST_SPECIFICITY);
        model.thresholdProperty().set(0.7);
        var state = model.saveState();
        ClassMappingViewModel other = new ClassMappingViewModel(sample.workspace(), new DirectJobRunner(),
                sample.errors());
        other.restoreState(state);
        assertEquals(4, other.chosenRow());
        assertTrue(other.jaccardProperty().get());
        assertEquals(FilterRanking.HIGHEST_SPECIFICITY, other.rankingProperty().get());
        assertEquals(0.7, other.reportProperty().get().similarity().threshold());
    }

    @Test
    void withoutABankThereIsNothingToShow() {
        sample.workspace().openModel(SampleFiles.MODEL);
        assertFalse(model.bankOpenProperty().get());
        assertTrue(model.classes().isEmpty());
        assertTrue(model.filters().isEmpty());
        assertTrue(model.similarityFigure().isEmpty());
    }
}
