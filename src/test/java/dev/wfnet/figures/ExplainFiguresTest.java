package dev.wfnet.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.explain.AlphaReport;
import dev.wfnet.explain.AlphaView;
import dev.wfnet.explain.ExplainSettings;
import dev.wfnet.explain.HandMadeBanks;
import dev.wfnet.unlearn.Granularity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The figures of the known-answer bank carry its numbers and export in every format. */
class ExplainFiguresTest {
    private static AlphaReport report;

    @BeforeAll
    static void analyse() throws Exception {
        report = AlphaReport.analyse(AlphaView.of(HandMadeBanks.rowThreeSwitchesOffFiveFilters(Granularity.WEIGHT)),
                ExplainSettings.defaults());
    }

    @Test
    void filterHeatmapHasOneRowPerClassAndOneColumnPerFilter() {
        HeatmapFigure figure = ExplainFigures.filterAlphaHeatmap(report.statistics(), HandMadeBanks.CONV,
                new int[] {3, 0, 1, 2});
        assertEquals(4, figure.rows());
        assertEquals(8, figure.columns());
        assertEquals(List.of("bag, leather", "T-shirt", "Trouser", "Pullover"), figure.rowLabels());
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25, 0.25, 1, 1, 1}, figure.values()[0], 1e-12);
        assertTrue(figure.title().contains(HandMadeBanks.CONV));
    }

    @Test
    void specificityHeatmapSpansMinusOneToOne() {
        HeatmapFigure figure = ExplainFigures.specificityHeatmap(report.statistics(), HandMadeBanks.CONV,
                new int[] {0, 1, 2, 3});
        assertEquals(-1, figure.scale().lowerBound());
        assertEquals(1, figure.scale().upperBound());
        assertEquals(0.75, figure.values()[3][0], 1e-12);
    }

    @Test
    void similarityHeatmapIsInClusteringOrderWithValuesPrinted() {
        HeatmapFigure cosine = ExplainFigures.similarityHeatmap(report.similarity(), false);
        assertEquals(cosine.rowLabels(), cosine.columnLabels());
        assertTrue(cosine.showValues());
        assertEquals(0, cosine.values()[0][3], 1e-12);
        assertTrue(ExplainFigures.similarityHeatmap(report.similarity(), true).title().contains("Jaccard"));
    }

    @Test
    void barsPerClassAndPerLayer() {
        BarFigure fractions = ExplainFigures.fractionBelowBars(report.statistics());
        assertEquals(HandMadeBanks.NAMES, fractions.categories());
        assertEquals(2, fractions.series().size());
        assertArrayEquals(new double[] {0, 0, 0, 0.625}, fractions.series().get(0).values(), 1e-12);
        BarFigure sharing = ExplainFigures.sharingBars(report.filterMap());
        assertEquals(List.of(HandMadeBanks.CONV, HandMadeBanks.FC), sharing.categories());
        assertArrayEquals(new double[] {5, 0}, sharing.series().get(0).values());
        assertArrayEquals(new double[] {0, 0}, sharing.series().get(1).values());
    }

    @Test
    void everyFigureExportsInEveryFormat(@TempDir Path dir) throws Exception {
        List<org.jfree.chart.JFreeChart> charts = List.of(
                ExplainFigures.filterAlphaHeatmap(report.statistics(), HandMadeBanks.CONV,
                        report.similarity().order()).toChart(),
                ExplainFigures.specificityHeatmap(report.statistics(), HandMadeBanks.FC,
                        report.similarity().order()).toChart(),
                ExplainFigures.similarityHeatmap(report.similarity(), false).toChart(),
                ExplainFigures.fractionBelowBars(report.statistics()).toChart(),
                ExplainFigures.sharingBars(report.filterMap()).toChart());
        int i = 0;
        for (org.jfree.chart.JFreeChart chart : charts) {
            for (String extension : List.of(".png", ".svg", ".pdf")) {
                Path file = dir.resolve("figure" + i + extension);
                FigureExport.write(chart, file, 640, 420);
                assertTrue(Files.size(file) > 500, file + " has content");
            }
            String svg = Files.readString(dir.resolve("figure" + i + ".svg"));
            assertTrue(svg.contains(chart.getTitle().getText().replace("&", "&amp;").replace("<", "&lt;")),
                    "title in " + svg.substring(0, Math.min(200, svg.length())));
            assertFalse(svg.contains("<!DOCTYPE"));
            i++;
        }
    }
}
