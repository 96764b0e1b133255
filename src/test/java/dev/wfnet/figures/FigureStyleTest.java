package dev.wfnet.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.Title;
import org.junit.jupiter.api.Test;

/** Readable text and colour-blind-safe colours in every figure kind. */
class FigureStyleTest {

    @Test
    void everyTextIsAtLeastElevenPointsAndTheTitleIsLarger() {
        for (JFreeChart chart : List.of(FigureExportTest.heatmap(), FigureExportTest.bars(),
                FigureExportTest.lines())) {
            List<Font> fonts = fonts(chart);
            assertTrue(fonts.size() >= 5, "fonts found: " + fonts);
            for (Font font : fonts) {
                assertTrue(font.getSize2D() >= FigureStyle.MIN_FONT_SIZE, chart.getTitle().getText() + ": " + font);
            }
            assertTrue(chart.getTitle().getFont().getSize2D() >= 16);
            assertTrue(chart.getTitle().getFont().isBold());
        }
    }

    @Test
    void theHeatmapHasAColourLegendWithItsLabel() {
        JFreeChart chart = FigureExportTest.heatmap();
        PaintScaleLegend legend = (PaintScaleLegend) chart.getSubtitles().stream()
                .filter(t -> t instanceof PaintScaleLegend).findFirst().orElseThrow();
        assertEquals("mean alpha", legend.getAxis().getLabel());
        assertEquals(0, legend.getScale().getLowerBound());
        assertEquals(1, legend.getScale().getUpperBound());
        XYPlot plot = chart.getXYPlot();
        assertEquals("filter", plot.getDomainAxis().getLabel());
        assertEquals("class", plot.getRangeAxis().getLabel());
        assertTrue(plot.getRangeAxis().isInverted(), "row 0 on top");
        // five values printed (the NaN cell is left blank), white on dark cells, black on light ones
        List<XYTextAnnotation> values = new ArrayList<>();
        for (XYAnnotation annotation : plot.getAnnotations()) {
            values.add((XYTextAnnotation) annotation);
        }
        assertEquals(5, values.size());
        assertEquals(Color.WHITE, values.stream().filter(v -> v.getText().equals("0.00")).findFirst().orElseThrow()
                .getPaint());
        assertEquals(Color.BLACK, values.stream().filter(v -> v.getText().equals("1.00")).findFirst().orElseThrow()
                .getPaint());
    }

    @Test
    void cellValuesAreDrawnOnlyWhereTheyFitTheirCells() {
        double[][] values = new double[6][12];
        for (int r = 0; r < values.length; r++) {
            for (int c = 0; c < values[r].length; c++) {
                values[r][c] = (r * 12 + c) / 72.0;
            }
        }
        HeatmapFigure plain = HeatmapFigure.unitRange("shares", "column", "row", List.of("a", "b", "c", "d", "e", "f"),
                List.of(), values, "share");
        HeatmapFigure shown = plain.withValuesShown(true);
        // 12 columns in a 320 px chart: cells of about 15 px, too narrow for "0.00"; at 1,400 px about 100 px
        assertArrayEquals(pixels(plain.toChart(), 320, 300), pixels(shown.toChart(), 320, 300),
                "values that do not fit are left out, not drawn over each other");
        assertFalse(java.util.Arrays.equals(pixels(plain.toChart(), 1400, 600), pixels(shown.toChart(), 1400, 600)),
                "values that fit are drawn");
    }

    private static int[] pixels(JFreeChart chart, int width, int height) {
        java.awt.image.BufferedImage image = chart.createBufferedImage(width, height);
        return image.getRGB(0, 0, width, height, null, 0, width);
    }

    @Test
    void seriesUseTheOkabeItoPalette() {
        CategoryPlot plot = FigureExportTest.bars().getCategoryPlot();
        assertEquals(new Color(0x0072B2), plot.getRenderer().getSeriesPaint(0));
        assertEquals(new Color(0xE69F00), plot.getRenderer().getSeriesPaint(1));
        assertEquals(FigureStyle.seriesColor(0), FigureStyle.seriesColor(8), "the palette repeats");
        assertEquals(new Color(0x0072B2), FigureExportTest.lines().getXYPlot().getRenderer().getSeriesPaint(0));
    }

    @Test
    void aLogarithmicAxisIsLabelledWithPlainRoundNumbers() {
        // the lines run from 0.4 to 3
        List<String> labels = new ArrayList<>();
        for (Object tick : FigureExportTest.lines().getXYPlot().getRangeAxis().refreshTicks(null, null, null,
                org.jfree.chart.ui.RectangleEdge.LEFT)) {
            labels.add(((org.jfree.chart.axis.ValueTick) tick).getText());
        }
        assertEquals(List.of("0.5", "1", "2"), labels);
    }

    @Test
    void colourLegendsGetAboutFiveRoundSteps() {
        assertEquals(0.2, HeatmapFigure.niceStep(1.0 / 5), 1e-12);
        assertEquals(0.5, HeatmapFigure.niceStep(2.0 / 5), 1e-12);
        assertEquals(0.25, HeatmapFigure.niceStep(0.23), 1e-12);
        assertEquals(10, HeatmapFigure.niceStep(7), 1e-12);
        assertEquals(0.02, HeatmapFigure.niceStep(0.013), 1e-12);
    }

    private static List<Font> fonts(JFreeChart chart) {
        List<Font> fonts = new ArrayList<>();
        fonts.add(chart.getTitle().getFont());
        for (Object subtitle : chart.getSubtitles()) {
            Title title = (Title) subtitle;
            if (title instanceof LegendTitle legend) {
                fonts.add(legend.getItemFont());
            } else if (title instanceof PaintScaleLegend scale) {
                addAxis(fonts, scale.getAxis());
            }
        }
        Plot plot = chart.getPlot();
        if (plot instanceof XYPlot xy) {
            addAxis(fonts, xy.getDomainAxis());
            addAxis(fonts, xy.getRangeAxis());
            for (XYAnnotation annotation : xy.getAnnotations()) {
                fonts.add(((XYTextAnnotation) annotation).getFont());
            }
        } else if (plot instanceof CategoryPlot category) {
            addAxis(fonts, category.getDomainAxis());
            addAxis(fonts, category.getRangeAxis());
        }
        return fonts;
    }

    private static void addAxis(List<Font> fonts, Axis axis) {
        fonts.add(axis.getLabelFont());
        fonts.add(axis.getTickLabelFont());
    }
}
