package dev.wfnet.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.explain.PerturbationBaseline;
import dev.wfnet.explain.SaliencyMethod;
import dev.wfnet.explain.SaliencyReport;
import dev.wfnet.explain.SaliencySettings;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelFiguresTest {

    private static SaliencyReport report() {
        float[][] image = new float[4][4];
        float[][] map = new float[4][4];
        map[1][2] = 1;
        image[0][0] = 1;
        List<SaliencyReport.MethodResult> methods = new ArrayList<>();
        for (SaliencyMethod method : SaliencyMethod.values()) {
            methods.add(new SaliencyReport.MethodResult(method, 0.6, 0.1, 0.3, 0.1, new double[] {0.1, 0.9},
                    new double[] {0.9, 0.1}));
        }
        return new SaliencyReport("conv2", new SaliencySettings(1, 1, 1, 1, PerturbationBaseline.MEAN),
                new double[] {0, 1}, methods, List.of(), List.of(new SaliencyReport.Example(0, "Bag", image, map, map)));
    }

    @Test
    void overlayBlendsTheSaliencyColourOverTheGreyImage() {
        assertEquals(0xFFFFFF, ImageGridFigure.blend(1, Color.BLACK, 0));
        assertEquals(0x804020, ImageGridFigure.blend(0, new Color(0xFF, 0x80, 0x40), 0.5 + 1e-9) & 0xFEFEFE);
        // over a coloured pixel each channel mixes with its own: 0.25 * (0, 0, 255) + 0.75 * (200, 100, 40)
        assertEquals(150 << 16 | 75 << 8 | 94, ImageGridFigure.blendOverRgb(200 << 16 | 100 << 8 | 40,
                new Color(0, 0, 255), 0.25));
    }

    @Test
    void theSaliencyGridHasARowPerMapAndAColumnPerExample() throws Exception {
        ImageGridFigure grid = ModelFigures.saliencyGrid(report());
        assertEquals(List.of("image", "alpha saliency", "Grad-CAM"), grid.rowLabels());
        assertEquals(List.of("Bag"), grid.columnLabels());
        BufferedImage png = FigureExport.image(grid.toChart(), 400, 300, 1);
        assertEquals(400, png.getWidth());
        assertTrue(FigureExport.svg(grid.toChart(), 400, 300).contains("<svg"));
    }

    @Test
    void curvesNameEachMethodWithItsArea() {
        LineFigure deletion = ModelFigures.curves(report(), false);
        assertEquals(3, deletion.lines().size());
        assertEquals("alpha (AUC 0.300)", deletion.lines().get(0).name());
        assertTrue(deletion.title().contains("lower is better"));
    }
}
