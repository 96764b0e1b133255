package dev.wfnet.app.untrain;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.wfnet.figures.FigureStyle;
import dev.wfnet.figures.LineFigure;
import dev.wfnet.jobs.Progress;
import dev.wfnet.unlearn.UntrainingJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The curves of one untraining run, kept as JFreeChart series that grow point by point: each loss
 * term over the steps, and per class the ACC_f and ACC_r of every snapshot. The charts are built
 * once; a batch of progress records appends to their series and fires one change per chart, so
 * a chart redraws once per batch without being rebuilt. Also the progress history, for CSV and
 * JSON. Use on one thread (the FX
 * thread in the window).
 */
public final class TrainingCurves {
    /** The metrics of a step record that are terms of the objective, in legend order. */
    public static final List<String> LOSS_TERMS = List.of("loss", "retain", "forget", "sparsity");

    private final List<String> classNames;
    private final XYSeriesCollection losses = new XYSeriesCollection();
    private final XYSeriesCollection forgetAccuracy = new XYSeriesCollection();
    private final XYSeriesCollection retainAccuracy = new XYSeriesCollection();
    private final Map<String, XYSeries> snapshotSeries = new LinkedHashMap<>();
    private final JFreeChart lossChart;
    private final JFreeChart forgetChart;
    private final JFreeChart retainChart;
    private final List<Progress> steps = new ArrayList<>();
    private final List<Progress> snapshots = new ArrayList<>();

    /** @param classNames the model's class names, for the legends */
    public TrainingCurves(List<String> classNames) {
        this.classNames = List.copyOf(classNames);
        LOSS_TERMS.forEach(term -> losses.addSeries(new XYSeries(term, true, false)));
        // logarithmic: the forget term starts near 1/eps and falls by orders of magnitude, which
        // flattens every other term on a linear axis
        lossChart = LineFigure.chartOf("Loss terms (log scale)", "step", "value", losses, true, true);
        forgetChart = accuracyChart("ACC_f per class (goal 0)", forgetAccuracy);
        retainChart = accuracyChart("ACC_r per class (goal: the original's)", retainAccuracy);
        for (JFreeChart chart : List.of(lossChart, forgetChart, retainChart)) {
            chart.getXYPlot().getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
    }

    /** Snapshots are few points apart: markers show each one, and the axis is the whole 0-100 %. */
    private static JFreeChart accuracyChart(String title, XYSeriesCollection dataset) {
        JFreeChart chart = LineFigure.chartOf(title, "step", "accuracy (%)", dataset, true, false);
        ((XYLineAndShapeRenderer) chart.getXYPlot().getRenderer()).setDefaultShapesVisible(true);
        chart.getXYPlot().getRangeAxis().setRange(0, 100);
        return chart;
    }

    public JFreeChart lossChart() {
        return lossChart;
    }

    public JFreeChart forgetChart() {
        return forgetChart;
    }

    public JFreeChart retainChart() {
        return retainChart;
    }

    /** The step records so far, oldest first. */
    public List<Progress> steps() {
        return List.copyOf(steps);
    }

    public List<Progress> snapshots() {
        return List.copyOf(snapshots);
    }

    /** The points of one loss term's curve (gaps for values a log axis cannot show included). */
    public int lossPoints(String term) {
        return losses.getSeries(term).getItemCount();
    }

    /** The points of every ACC_f and ACC_r curve together. */
    public int snapshotPoints() {
        return snapshotSeries.values().stream().mapToInt(XYSeries::getItemCount).sum();
    }

    /** Forgets every point: a new run starts. */
    public void clear() {
        steps.clear();
        snapshots.clear();
        for (XYSeriesCollection dataset : List.of(losses, forgetAccuracy, retainAccuracy)) {
            for (int s = 0; s < dataset.getSeriesCount(); s++) {
                dataset.getSeries(s).clear();
            }
        }
    }

    /** Appends a step or snapshot record; other phases are ignored. */
    public void add(Progress progress) {
        addAll(List.of(progress));
    }

    /**
     * Appends records, oldest first, and lets each chart redraw once for all of them: a batch of
     * fifty steps is one redraw, not fifty.
     */
    public void addAll(List<Progress> records) {
        boolean stepsAdded = false;
        boolean snapshotsAdded = false;
        for (Progress progress : records) {
            fitSteps(progress.totalSteps());
            if (UntrainingJob.STEP.equals(progress.phase())) {
                addStep(progress);
                stepsAdded = true;
            } else if (UntrainingJob.SNAPSHOT.equals(progress.phase())) {
                addSnapshot(progress);
                snapshotsAdded = true;
            }
        }
        if (stepsAdded) {
            redraw(losses);
        }
        if (snapshotsAdded) {
            redraw(forgetAccuracy);
            redraw(retainAccuracy);
        }
    }

    /** Each chart listens to its own dataset: one change from any of its series redraws it. */
    private static void redraw(XYSeriesCollection dataset) {
        if (dataset.getSeriesCount() > 0) {
            dataset.getSeries(0).fireSeriesChanged();
        }
    }

    private void addStep(Progress progress) {
        // a resumed run repeats the steps after its checkpoint: those points are replaced, not doubled
        dropFrom(progress.step());
        steps.add(progress);
        List<Double> values = LOSS_TERMS.stream().map(term -> progress.metrics().getOrDefault(term, Double.NaN))
                .toList();
        for (int s = 0; s < values.size(); s++) {
            double value = values.get(s);
            // a log axis cannot show 0 (the sparsity term before any alpha moved): a gap instead
            losses.getSeries(s).add(progress.step(), Double.isFinite(value) && value > 0 ? value : null, false);
        }
    }

    /** The step axes span the whole run from its first record, so the curves fill in from the left. */
    private void fitSteps(long totalSteps) {
        for (JFreeChart chart : List.of(lossChart, forgetChart, retainChart)) {
            var axis = chart.getXYPlot().getDomainAxis();
            if (totalSteps > 0 && axis.getUpperBound() != totalSteps) {
                axis.setRange(0, totalSteps);
            }
        }
    }

    private void addSnapshot(Progress progress) {
        snapshots.add(progress);
        // in class order, so that series (legend entries, colours) are made in class order
        List<Integer> classes = progress.metrics().keySet().stream().filter(key -> key.startsWith("acc_f."))
                .map(key -> Integer.parseInt(key.substring(6))).sorted().toList();
        for (String prefix : List.of("acc_f.", "acc_r.")) {
            for (int c : classes) {
                Double value = progress.metrics().get(prefix + c);
                if (value != null) {
                    snapshotSeriesFor(prefix + c).add(progress.step(), 100 * value, false);
                }
            }
        }
    }

    /** The ACC_f or ACC_r series of a metric key ("acc_f.3"), made on first use; null for other keys. */
    private XYSeries snapshotSeriesFor(String key) {
        boolean forget = key.startsWith("acc_f.");
        if (!forget && !key.startsWith("acc_r.")) {
            return null;
        }
        return snapshotSeries.computeIfAbsent(key, k -> {
            int modelClass = Integer.parseInt(k.substring(6));
            XYSeries series = new XYSeries(modelClass < classNames.size() ? classNames.get(modelClass)
                    : "class " + modelClass, true, false);
            XYSeriesCollection dataset = forget ? forgetAccuracy : retainAccuracy;
            dataset.addSeries(series);
            XYItemRenderer renderer = (forget ? forgetChart : retainChart).getXYPlot().getRenderer();
            int index = dataset.getSeriesCount() - 1;
            renderer.setSeriesPaint(index, FigureStyle.seriesColor(index));
            renderer.setSeriesStroke(index, FigureStyle.LINE_STROKE);
            return series;
        });
    }

    private void dropFrom(long step) {
        if (steps.isEmpty() || steps.get(steps.size() - 1).step() < step) {
            return;
        }
        steps.removeIf(record -> record.step() >= step);
        snapshots.removeIf(record -> record.step() >= step);
        for (XYSeriesCollection dataset : List.of(losses, forgetAccuracy, retainAccuracy)) {
            for (int s = 0; s < dataset.getSeriesCount(); s++) {
                XYSeries series = dataset.getSeries(s);
                int from = series.getItemCount();
                while (from > 0 && series.getX(from - 1).doubleValue() >= step) {
                    from--;
                }
                if (from < series.getItemCount()) {
                    // one change for the whole tail, not one redraw per point
                    series.delete(from, series.getItemCount() - 1);
                }
            }
        }
    }

    /** One line per step: the loss terms, the throughput and the time left. */
    public String stepsCsv() {
        StringBuilder csv = new StringBuilder("step," + String.join(",", LOSS_TERMS)
                + ",steps_per_second,samples_per_second,seconds_left\n");
        for (Progress step : steps) {
            csv.append(step.step());
            LOSS_TERMS.forEach(term -> csv.append(',').append(number(step.metrics().getOrDefault(term, Double.NaN))));
            csv.append(',').append(number(step.metrics().getOrDefault("steps_per_second", Double.NaN)))
                    .append(',').append(number(step.itemsPerSecond()))
                    .append(',').append(number(step.secondsLeft())).append('\n');
        }
        return csv.toString();
    }

    /** One line per snapshot and class: ACC_f and ACC_r as fractions. */
    public String snapshotsCsv() {
        StringBuilder csv = new StringBuilder("step,class,name,acc_f,acc_r\n");
        for (Progress snapshot : snapshots) {
            snapshot.metrics().keySet().stream().filter(key -> key.startsWith("acc_f."))
                    .map(key -> Integer.parseInt(key.substring(6))).sorted().forEach(c -> csv.append(snapshot.step())
                            .append(',').append(c).append(',').append(c < classNames.size() ? classNames.get(c) : "")
                            .append(',').append(number(snapshot.metrics().get("acc_f." + c)))
                            .append(',').append(number(snapshot.metrics().getOrDefault("acc_r." + c, Double.NaN)))
                            .append('\n'));
        }
        return csv.toString();
    }

    /** Every record as it came: {"steps": [...], "snapshots": [...]}. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.add("steps", records(steps));
        json.add("snapshots", records(snapshots));
        return json;
    }

    private static JsonArray records(List<Progress> records) {
        JsonArray array = new JsonArray();
        for (Progress record : records) {
            JsonObject entry = new JsonObject();
            entry.addProperty("step", record.step());
            entry.addProperty("total_steps", record.totalSteps());
            if (Double.isFinite(record.itemsPerSecond()) && record.itemsPerSecond() > 0) {
                entry.addProperty("samples_per_second", record.itemsPerSecond());
            }
            if (Double.isFinite(record.secondsLeft())) {
                entry.addProperty("seconds_left", record.secondsLeft());
            }
            JsonObject metrics = new JsonObject();
            // Progress copies its metrics into an unordered map: sort so files compare across runs
            new java.util.TreeMap<>(record.metrics()).forEach(metrics::addProperty);
            entry.add("metrics", metrics);
            array.add(entry);
        }
        return array;
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6g", value) : "";
    }
}
