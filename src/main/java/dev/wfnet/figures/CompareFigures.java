package dev.wfnet.figures;

import dev.wfnet.eval.UnlearningMetrics;
import dev.wfnet.eval.compare.Column;
import dev.wfnet.eval.compare.ComparisonReport;
import dev.wfnet.eval.compare.Method;
import dev.wfnet.eval.compare.Stat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.jfree.chart.JFreeChart;

/**
 * The figures of a comparison of unlearning methods: the headline metrics side by side with error
 * bars, the run times, and per forgotten class the per-class test accuracy of every method, how each
 * method re-labels the forgotten class, and the membership-inference histogram of its training images.
 */
public final class CompareFigures {
    private static final Column[] METRIC_COLUMNS = {Column.UA, Column.RA, Column.TA, Column.FORGET_TEST,
        Column.MIA};

    private CompareFigures() {
    }

    /** Every figure by file name (without extension): what {@code wfnet compare} writes. */
    public static Map<String, JFreeChart> charts(ComparisonReport report) {
        Map<String, JFreeChart> charts = new LinkedHashMap<>();
        charts.put("compare-metrics", metricBars(report, OptionalInt.empty()).toChart());
        charts.put("compare-time", timeBars(report).toChart());
        for (int c : report.classes()) {
            String name = "class-" + c;
            charts.put("compare-per-class-accuracy-" + name, perClassAccuracy(report, c).toChart());
            charts.put("compare-predictions-" + name, predictionMatrix(report, c).toChart());
            charts.put("compare-mia-histogram-" + name, miaHistogram(report, c).toChart());
        }
        return charts;
    }

    /** UA, RA, TA, forget test accuracy and MIA-efficacy per method, mean ± one standard deviation, in %. */
    public static ErrorBarFigure metricBars(ComparisonReport report, OptionalInt forgetClass) {
        List<String> categories = new ArrayList<>();
        for (Column column : METRIC_COLUMNS) {
            categories.add(column.label());
        }
        List<ErrorBarFigure.Series> series = new ArrayList<>();
        for (Method method : report.methods()) {
            double[] means = new double[METRIC_COLUMNS.length];
            double[] stds = new double[METRIC_COLUMNS.length];
            for (int i = 0; i < METRIC_COLUMNS.length; i++) {
                Stat stat = report.stat(method, METRIC_COLUMNS[i], forgetClass).scaled(100);
                means[i] = stat.mean();
                stds[i] = stat.std();
            }
            series.add(new ErrorBarFigure.Series(method.label(), means, stds));
        }
        String scope = forgetClass.isPresent() ? report.context().classNames().get(forgetClass.getAsInt())
                + " forgotten" : "mean over " + report.classes().length + " class(es) and "
                + report.settings().seeds().length + " seed(s)";
        return new ErrorBarFigure("Unlearning metrics, " + scope, "metric", "%", categories, series,
                ErrorBarFigure.Scale.PERCENT);
    }

    /**
     * Run time per method: per class (mean ± one standard deviation), and for every class of the model
     * (WF-Net: its one untraining round; a baseline: the mean per class times the classes). Log scale.
     */
    public static ErrorBarFigure timeBars(ComparisonReport report) {
        List<Method> methods = report.methods().stream().filter(m -> m != Method.ORIGINAL).toList();
        List<String> categories = methods.stream().map(Method::label).toList();
        double[] perClass = new double[methods.size()];
        double[] perClassStd = new double[methods.size()];
        double[] all = new double[methods.size()];
        double[] allStd = new double[methods.size()];
        int classes = report.context().classCount();
        for (int i = 0; i < methods.size(); i++) {
            Method method = methods.get(i);
            Stat stat = report.stat(method, Column.RTE, OptionalInt.empty());
            perClass[i] = method == Method.WFNET ? Double.NaN : stat.mean();
            perClassStd[i] = method == Method.WFNET ? Double.NaN : stat.std();
            all[i] = report.costForAllClasses(method);
            allStd[i] = method == Method.WFNET ? Double.NaN : stat.std() * classes;
        }
        return new ErrorBarFigure("Cost of forgetting (WF-Net: one round for all its classes)", "method",
                "seconds (log scale)", categories, List.of(new ErrorBarFigure.Series("per class", perClass,
                perClassStd), new ErrorBarFigure.Series("all " + classes + " classes", all, allStd)),
                ErrorBarFigure.Scale.LOG);
    }

    /** Per-class test accuracy of every method with one class forgotten, mean over seeds, in %. */
    public static BarFigure perClassAccuracy(ComparisonReport report, int forgetClass) {
        List<BarFigure.Series> series = new ArrayList<>();
        for (Method method : report.methods()) {
            double[] accuracy = report.perClassAccuracy(method, forgetClass);
            if (accuracy.length > 0) {
                series.add(new BarFigure.Series(method.label(), percent(accuracy)));
            }
        }
        return BarFigure.of("Per-class test accuracy, " + report.context().classNames().get(forgetClass)
                + " forgotten", "class", "accuracy (%)", report.context().classNames(), series).withRange(0, 100);
    }

    /** Rows are methods, columns classes: the share of the forgotten class's test images each method predicts as it. */
    public static HeatmapFigure predictionMatrix(ComparisonReport report, int forgetClass) {
        List<Method> methods = report.methods().stream()
                .filter(m -> report.forgetPredictions(m, forgetClass).length > 0).toList();
        double[][] shares = new double[methods.size()][];
        for (int i = 0; i < methods.size(); i++) {
            shares[i] = report.forgetPredictions(methods.get(i), forgetClass);
        }
        return HeatmapFigure.unitRange("How each method labels the test images of "
                        + report.context().classNames().get(forgetClass), "predicted class", "method",
                methods.stream().map(Method::label).toList(), report.context().classNames(), shares,
                "share of the class's test images").withValuesShown(true);
    }

    /** The forgotten class's training images per bin of their true-label probability, per method. */
    public static BarFigure miaHistogram(ComparisonReport report, int forgetClass) {
        List<String> bins = new ArrayList<>();
        for (int b = 0; b < UnlearningMetrics.MIA_BINS; b++) {
            bins.add(String.format(Locale.ROOT, "%.1f-%.1f", (double) b / UnlearningMetrics.MIA_BINS,
                    (double) (b + 1) / UnlearningMetrics.MIA_BINS));
        }
        List<BarFigure.Series> series = new ArrayList<>();
        for (Method method : report.methods()) {
            double[] shares = report.miaHistogram(method, forgetClass);
            if (!Double.isNaN(shares[0])) {
                Stat efficacy = report.stat(method, Column.MIA, OptionalInt.of(forgetClass)).scaled(100);
                series.add(new BarFigure.Series(String.format(Locale.ROOT, "%s (MIA-efficacy %.1f%%)", method.label(),
                        efficacy.mean()), percent(shares)));
            }
        }
        return BarFigure.of("Training images of " + report.context().classNames().get(forgetClass)
                        + ": the attacker's feature", "probability of the true label", "share of the images (%)", bins,
                series);
    }

    private static double[] percent(double[] shares) {
        double[] percent = new double[shares.length];
        for (int i = 0; i < shares.length; i++) {
            percent[i] = 100 * shares[i];
        }
        return percent;
    }
}
