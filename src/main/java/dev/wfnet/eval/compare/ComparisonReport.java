package dev.wfnet.eval.compare;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.wfnet.eval.Metric;
import dev.wfnet.eval.UnlearningMetrics;
import dev.wfnet.io.Csv;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The runs of a comparison and what they add up to: per method (over every class and seed) and per
 * method and class (over seeds) the mean and standard deviation of each metric, of the Avg. Gap to
 * Retrain and of the run time; the best method per column; JSON, CSV and Markdown.
 *
 * <p>Avg. Gap (Fan et al. 2024, SalUn) is computed per run against Retrain of the same class and
 * seed: the mean of |UA - UA_retrain|, |RA - RA_retrain|, |TA - TA_retrain| and
 * |MIA - MIA_retrain|, in points; then averaged like every other column.
 *
 * @param context what the comparison ran on
 * @param settings what was asked for
 * @param runs the finished runs (possibly fewer than asked, while it runs)
 */
public record ComparisonReport(ReportContext context, ComparisonSettings settings, List<RunResult> runs) {

    public ComparisonReport {
        runs = List.copyOf(runs);
    }

    /** The methods that have runs, in the settings' order. */
    public List<Method> methods() {
        return settings.methods().stream().filter(m -> runs.stream().anyMatch(r -> r.key().method() == m)).toList();
    }

    /** The forgotten classes that have runs, in the settings' order. */
    public int[] classes() {
        return Arrays.stream(settings.classes()).filter(c -> runs.stream().anyMatch(r -> r.key().forgetClass() == c))
                .toArray();
    }

    /** Avg. Gap of a run to Retrain of the same class and seed, a share; NaN without that Retrain run. */
    public double gap(RunResult run) {
        Optional<RunResult> retrain = runs.stream().filter(r -> r.key().method() == Method.RETRAIN
                && r.key().forgetClass() == run.key().forgetClass() && r.key().seed() == run.key().seed()).findFirst();
        if (retrain.isEmpty()) {
            return Double.NaN;
        }
        return Arrays.stream(Metric.gapMetrics()).mapToDouble(m -> Math.abs(run.metrics().value(m)
                - retrain.get().metrics().value(m))).average().orElse(Double.NaN);
    }

    /** A column's value in one run. */
    public double value(RunResult run, Column column) {
        return switch (column) {
            case GAP -> gap(run);
            case RTE -> run.seconds();
            default -> run.metrics().value(column.metric());
        };
    }

    /** A column over a method's runs, of one forgotten class or of all. */
    public Stat stat(Method method, Column column, OptionalInt forgetClass) {
        return Stat.of(runsOf(method, forgetClass).stream().mapToDouble(r -> value(r, column)).toArray());
    }

    public List<RunResult> runsOf(Method method, OptionalInt forgetClass) {
        return runs.stream().filter(r -> r.key().method() == method
                && (forgetClass.isEmpty() || r.key().forgetClass() == forgetClass.getAsInt())).toList();
    }

    /**
     * The methods best in a column (ties share it). With Retrain among the runs, the best is the one
     * closest to Retrain for every metric (Retrain is the target, not a competitor); Avg. Gap and run
     * time are best lowest. Without Retrain, each metric's own direction decides. Retrain and the
     * original model are never marked, nor is WF-Net's run time: its cost is one round for all classes
     * (see {@link #costForAllClasses}), not a time per class.
     */
    public Set<Method> best(Column column, OptionalInt forgetClass) {
        List<Method> candidates = methods().stream().filter(m -> m != Method.RETRAIN && m != Method.ORIGINAL)
                .filter(m -> !(m == Method.WFNET && column == Column.RTE))
                .filter(m -> !Double.isNaN(stat(m, column, forgetClass).mean())).toList();
        if (candidates.isEmpty()) {
            return Set.of();
        }
        boolean withRetrain = methods().contains(Method.RETRAIN);
        double target = withRetrain && column.metric() != null ? stat(Method.RETRAIN, column, forgetClass).mean()
                : Double.NaN;
        java.util.function.ToDoubleFunction<Method> badness = m -> {
            double mean = stat(m, column, forgetClass).mean();
            if (!Double.isNaN(target)) {
                return Math.abs(mean - target);
            }
            return column.higherIsBetter() ? -mean : mean;
        };
        double best = candidates.stream().mapToDouble(badness).min().orElseThrow();
        return candidates.stream().filter(m -> badness.applyAsDouble(m) <= best + 1e-12)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Method.class)));
    }

    /** Mean per-class test accuracy of a method with a class forgotten, over seeds. */
    public double[] perClassAccuracy(Method method, int forgetClass) {
        return meanOf(runsOf(method, OptionalInt.of(forgetClass)).stream()
                .map(r -> r.metrics().perClassTestAccuracy()).toList());
    }

    /** How a method re-labels the forgotten class's test images: the share predicted as each class, over seeds. */
    public double[] forgetPredictions(Method method, int forgetClass) {
        return meanOf(runsOf(method, OptionalInt.of(forgetClass)).stream()
                .map(r -> r.metrics().forgetPredictions()).toList());
    }

    /** The forgotten class's training images per bin of true-label probability, summed over seeds, as shares. */
    public double[] miaHistogram(Method method, int forgetClass) {
        int[] sums = new int[UnlearningMetrics.MIA_BINS];
        for (RunResult run : runsOf(method, OptionalInt.of(forgetClass))) {
            int[] bins = run.metrics().miaBins();
            for (int b = 0; b < sums.length; b++) {
                sums[b] += bins[b];
            }
        }
        double total = Arrays.stream(sums).sum();
        return Arrays.stream(sums).mapToDouble(s -> total == 0 ? Double.NaN : s / total).toArray();
    }

    /** A method's cost for every class of the model: WF-Net's one round, a baseline's mean per class times the classes. */
    public double costForAllClasses(Method method) {
        if (method == Method.WFNET) {
            return context.bankTrainingSeconds();
        }
        return stat(method, Column.RTE, OptionalInt.empty()).mean() * context.classCount();
    }

    private static double[] meanOf(List<double[]> rows) {
        if (rows.isEmpty()) {
            return new double[0];
        }
        double[] mean = new double[rows.get(0).length];
        for (double[] row : rows) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += row[i] / rows.size();
            }
        }
        return mean;
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.add("context", context.toJson());
        JsonObject asked = new JsonObject();
        JsonArray methods = new JsonArray();
        settings.methods().forEach(m -> methods.add(m.id()));
        asked.add("methods", methods);
        JsonArray classes = new JsonArray();
        Arrays.stream(settings.classes()).forEach(classes::add);
        asked.add("classes", classes);
        JsonArray seeds = new JsonArray();
        Arrays.stream(settings.seeds()).forEach(seeds::add);
        asked.add("seeds", seeds);
        asked.addProperty("mia_samples_per_side", settings.miaSamples());
        json.add("settings", asked);
        JsonArray summaries = new JsonArray();
        for (Method method : methods()) {
            JsonObject summary = summaryJson(method, OptionalInt.empty());
            summary.addProperty("cost_all_classes_seconds", costForAllClasses(method));
            JsonArray perClass = new JsonArray();
            for (int c : classes()) {
                if (!runsOf(method, OptionalInt.of(c)).isEmpty()) {
                    JsonObject row = summaryJson(method, OptionalInt.of(c));
                    row.addProperty("forget_class", c);
                    row.addProperty("forget_class_name", context.classNames().get(c));
                    perClass.add(row);
                }
            }
            summary.add("per_class", perClass);
            summaries.add(summary);
        }
        json.add("methods", summaries);
        JsonArray rows = new JsonArray();
        for (RunResult run : runs) {
            JsonObject row = run.toJson();
            row.addProperty("forget_class_name", context.classNames().get(run.key().forgetClass()));
            row.addProperty("avg_gap", gap(run));
            rows.add(row);
        }
        json.add("runs", rows);
        return json;
    }

    private JsonObject summaryJson(Method method, OptionalInt forgetClass) {
        JsonObject json = new JsonObject();
        json.addProperty("method", method.id());
        json.addProperty("label", method.label());
        json.addProperty("runs", runsOf(method, forgetClass).size());
        for (Column column : Column.values()) {
            Stat stat = stat(method, column, forgetClass);
            json.addProperty(column.key() + "_mean", stat.mean());
            json.addProperty(column.key() + "_std", stat.std());
        }
        return json;
    }

    /** One line per run: method, class, seed, every metric, Avg. Gap, run time and the settings. */
    public String toCsv() {
        StringBuilder csv = new StringBuilder("method,forget_class,forget_class_name,seed");
        for (Column column : Column.values()) {
            csv.append(',').append(column.key());
        }
        csv.append(",settings\n");
        for (RunResult run : runs) {
            csv.append(run.key().method().id()).append(',').append(run.key().forgetClass()).append(',')
                    .append(Csv.quote(context.classNames().get(run.key().forgetClass()))).append(',')
                    .append(run.key().seed());
            for (Column column : Column.values()) {
                csv.append(',').append(Csv.number(value(run, column)));
            }
            csv.append(',').append(Csv.quote(run.settings().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")))).append('\n');
        }
        return csv.toString();
    }

    /**
     * The summary over every class and seed, then one table per forgotten class; shares in percent,
     * mean ± standard deviation, the best per column in bold.
     */
    public String toMarkdown() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Unlearning one class at a time: %s, %d class(es) x %d seed(s); %s, "
                        + "tested on %s.%n%n", context.architecture(), classes().length, settings.seeds().length,
                context.trainData(), context.testData()));
        if (!context.sameDataAsBase()) {
            text.append("Note: the training data is not the data the base model was trained on, so Retrain is not a "
                    + "like-for-like gold standard here.\n\n");
        }
        text.append(table(OptionalInt.empty(), true));
        text.append(String.format(Locale.ROOT, "%nUA, RA, TA, forget test acc. and MIA-efficacy in %%; Avg. Gap in "
                        + "points (to Retrain of the same class and seed); RTE per class in seconds (evaluation "
                        + "excluded); cost for all %d classes: WF-Net's one untraining round for every class of its "
                        + "bank, a baseline's mean per class times %d.%n", context.classCount(),
                context.classCount()));
        if (classes().length > 1) {
            for (Column column : List.of(Column.GAP, Column.UA)) {
                text.append(String.format(Locale.ROOT, "%n### %s per forgotten class%n%n", column.label()));
                text.append(classTable(column));
            }
        }
        for (int c : classes()) {
            text.append(String.format(Locale.ROOT, "%n### %s (class %d) forgotten%n%n", context.classNames().get(c), c));
            text.append(table(OptionalInt.of(c), false));
        }
        return text.toString();
    }

    private String table(OptionalInt forgetClass, boolean withCost) {
        StringBuilder table = new StringBuilder("| method |");
        List<Column> columns = List.of(Column.values());
        columns.forEach(column -> table.append(' ').append(column.label()).append(" |"));
        if (withCost) {
            table.append(" cost for all ").append(context.classCount()).append(" classes (s) |");
        }
        table.append("\n|---|");
        columns.forEach(column -> table.append("---:|"));
        if (withCost) {
            table.append("---:|");
        }
        table.append('\n');
        Map<Column, Set<Method>> best = new java.util.EnumMap<>(Column.class);
        columns.forEach(column -> best.put(column, best(column, forgetClass)));
        for (Method method : methods()) {
            if (runsOf(method, forgetClass).isEmpty()) {
                continue;
            }
            table.append("| ").append(method.label()).append(" |");
            for (Column column : columns) {
                String cell = method == Method.WFNET && column == Column.RTE
                        ? "one round for all " + context.bankClasses() : cell(stat(method, column, forgetClass), column);
                table.append(' ').append(marked(cell, best.get(column).contains(method))).append(" |");
            }
            if (withCost) {
                table.append(String.format(Locale.ROOT, " %.0f |", costForAllClasses(method)));
            }
            table.append('\n');
        }
        return table.toString();
    }

    /**
     * One column for every forgotten class (rows) and method (columns), mean ± deviation over seeds,
     * the best per class in bold; Retrain has no column for Avg. Gap (it is the reference).
     */
    private String classTable(Column column) {
        List<Method> shown = methods().stream().filter(m -> !(column == Column.GAP && m == Method.RETRAIN)).toList();
        StringBuilder table = new StringBuilder("| forgotten class |");
        shown.forEach(method -> table.append(' ').append(method.label()).append(" |"));
        table.append("\n|---|");
        shown.forEach(method -> table.append("---:|"));
        table.append('\n');
        for (int c : classes()) {
            Set<Method> best = best(column, OptionalInt.of(c));
            table.append("| ").append(context.classNames().get(c)).append(" (").append(c).append(") |");
            for (Method method : shown) {
                String cell = cell(stat(method, column, OptionalInt.of(c)), column);
                table.append(' ').append(marked(cell, best.contains(method))).append(" |");
            }
            table.append('\n');
        }
        return table.toString();
    }

    /** A cell in bold when its method is the best of the column. */
    private static String marked(String cell, boolean best) {
        return best ? "**" + cell + "**" : cell;
    }

    private static String cell(Stat stat, Column column) {
        if (stat.count() == 0) {
            return "n/a";
        }
        String mean = column.format(stat.mean());
        return stat.count() == 1 ? mean : mean + " ± " + column.format(stat.std());
    }

    /** The runs that are still missing from what the settings ask for. */
    public List<RunKey> missing() {
        List<RunKey> missing = new ArrayList<>(settings.runs());
        runs.forEach(run -> missing.remove(run.key()));
        return missing;
    }
}
