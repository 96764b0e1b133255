package dev.wfnet.figures;

import dev.wfnet.eval.ConfusionMatrix;
import dev.wfnet.eval.ForgettingReport;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The figures of forgetting a class set: accuracy beside the original's, the confusion matrix. */
public final class ForgetFigures {

    private ForgetFigures() {
    }

    /** Per-class test accuracy of the original and the filtered model, in percent. */
    public static BarFigure accuracyBars(ForgettingReport report) {
        List<String> names = report.classNames();
        String title = report.forgotten().length == 0 ? "Per-class accuracy (nothing forgotten)"
                : String.format(Locale.ROOT, "Per-class accuracy, %s forgotten (ACC_r %.2f%%, drop %.2f)",
                        forgottenNames(report), 100 * report.filteredSplit().retainAccuracy(), 100 * report.retainDrop());
        return BarFigure.of(title, "class", "accuracy (%)", names, List.of(
                new BarFigure.Series("original", report.original().classPercentages()),
                new BarFigure.Series("filtered", report.filtered().classPercentages()))).withRange(0, 100);
    }

    /** Rows are true classes, columns predictions; a cell is the share of the row's images. */
    public static HeatmapFigure confusionHeatmap(ConfusionMatrix confusion, String title) {
        int classes = confusion.size();
        double[][] rates = new double[classes][classes];
        for (int truth = 0; truth < classes; truth++) {
            for (int predicted = 0; predicted < classes; predicted++) {
                rates[truth][predicted] = confusion.rate(truth, predicted);
            }
        }
        return HeatmapFigure.unitRange(title, "predicted class", "true class", confusion.classNames(),
                confusion.classNames(), rates, "share of the true class")
                .withValuesShown(classes <= ExplainFigures.MAX_ANNOTATED_CLASSES);
    }

    private static String forgottenNames(ForgettingReport report) {
        return Arrays.stream(report.forgotten()).mapToObj(report.classNames()::get).collect(Collectors.joining(" + "));
    }
}
