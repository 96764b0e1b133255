package dev.wfnet.figures;

import dev.wfnet.explain.ConfusionRelations;
import dev.wfnet.explain.SaliencyReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures that hold a bank against the model's behaviour: saliency overlays, insertion and
 * deletion curves, and bank similarity against confusion similarity.
 */
public final class ModelFigures {
    /** How much of an overlay pixel is the saliency colour; the rest is the image. */
    private static final double OVERLAY_OPACITY = 0.6;

    private ModelFigures() {
    }

    /**
     * The example images (columns) as they are, overlaid with alpha saliency, and with Grad-CAM
     * (rows); viridis from dark (0) to yellow (most salient).
     */
    public static ImageGridFigure saliencyGrid(SaliencyReport report) {
        List<SaliencyReport.Example> examples = report.examples();
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("the saliency report has no example images");
        }
        int[][][][] panels = new int[3][examples.size()][][];
        List<String> columns = new ArrayList<>();
        for (int c = 0; c < examples.size(); c++) {
            SaliencyReport.Example example = examples.get(c);
            columns.add(example.className());
            panels[0][c] = overlay(example.image(), null);
            panels[1][c] = overlay(example.image(), example.alpha());
            panels[2][c] = overlay(example.image(), example.gradCam());
        }
        return new ImageGridFigure("Saliency for the true class (" + report.featureLayer() + ")",
                List.of("image", "alpha saliency", "Grad-CAM"), columns, panels);
    }

    private static int[][] overlay(float[][] image, float[][] saliency) {
        int[][] pixels = new int[image.length][image[0].length];
        for (int y = 0; y < image.length; y++) {
            for (int x = 0; x < image[y].length; x++) {
                pixels[y][x] = saliency == null
                        ? ImageGridFigure.blend(image[y][x], java.awt.Color.BLACK, 0)
                        : ImageGridFigure.blend(image[y][x], ColorMap.VIRIDIS.colorAt(saliency[y][x]),
                                OVERLAY_OPACITY);
            }
        }
        return pixels;
    }

    /** The mean insertion (or deletion) curve of every method. */
    public static LineFigure curves(SaliencyReport report, boolean insertion) {
        double[] x = report.fractions();
        List<LineFigure.Line> lines = new ArrayList<>();
        for (SaliencyReport.MethodResult result : report.methods()) {
            double auc = insertion ? result.insertionMean() : result.deletionMean();
            lines.add(new LineFigure.Line(String.format(Locale.ROOT, "%s (AUC %.3f)", result.method().label(), auc), x,
                    insertion ? result.insertionCurve() : result.deletionCurve()));
        }
        String kind = insertion ? "Insertion" : "Deletion";
        return LineFigure.of(String.format(Locale.ROOT, "%s, mean over %d test images (%s)", kind,
                report.imageCount(), insertion ? "higher is better" : "lower is better"),
                "fraction of pixels " + (insertion ? "inserted" : "deleted"), "probability of the true class", lines);
    }

    /** One point per class pair: the bank rows' cosine against the model's confusion similarity. */
    public static ScatterFigure relationScatter(ConfusionRelations relations) {
        return new ScatterFigure("Bank similarity against model confusion, per class pair",
                String.format(Locale.ROOT, "Spearman rho %.3f, permutation p %.4f (%d pairs)", relations.rho(),
                        relations.pValue(), relations.pairs().size()),
                "confusion similarity (mean confusion rate of the pair)", "bank cosine similarity (1 - alpha)",
                relations.confusionSimilarities(), relations.bankCosines());
    }
}
