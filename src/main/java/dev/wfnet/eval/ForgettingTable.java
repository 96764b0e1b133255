package dev.wfnet.eval;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.wfnet.io.Csv;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Several forgetting reports as one table (each class alone, or every pair): per set ACC_f,
 * ACC_r, the original's ACC_r and the drop, with the worst figures underneath.
 */
public record ForgettingTable(List<ForgettingReport> reports) {

    public ForgettingTable {
        reports = List.copyOf(reports);
    }

    public double meanForgetAccuracy() {
        return reports.stream().flatMapToDouble(r -> Arrays.stream(r.filteredSplit().forgetAccuracy()))
                .average().orElse(Double.NaN);
    }

    public ForgettingReport worstForgetting() {
        return reports.stream().max(Comparator.comparingDouble(r -> r.filteredSplit().worstForgetAccuracy()))
                .orElseThrow();
    }

    public ForgettingReport worstDrop() {
        return reports.stream().max(Comparator.comparingDouble(ForgettingReport::retainDrop)).orElseThrow();
    }

    public double meanDrop() {
        return reports.stream().mapToDouble(ForgettingReport::retainDrop).average().orElse(Double.NaN);
    }

    private static String label(ForgettingReport report) {
        return String.join(" + ", Arrays.stream(report.forgotten()).mapToObj(c -> report.classNames().get(c)).toList());
    }

    private static String forgetText(ForgettingReport report) {
        return String.join(" / ", Arrays.stream(report.filteredSplit().forgetAccuracy())
                .mapToObj(a -> String.format(Locale.ROOT, "%.2f%%", 100 * a)).toList());
    }

    public String toMarkdown() {
        StringBuilder table = new StringBuilder("| forgotten | ACC_f | ACC_r | original ACC_r | drop (points) |\n"
                + "|---|---:|---:|---:|---:|\n");
        for (ForgettingReport report : reports) {
            table.append(String.format(Locale.ROOT, "| %s | %s | %.2f%% | %.2f%% | %.2f |%n", label(report),
                    forgetText(report), 100 * report.filteredSplit().retainAccuracy(),
                    100 * report.originalSplit().retainAccuracy(), 100 * report.retainDrop()));
        }
        table.append(String.format(Locale.ROOT, "%nmean ACC_f %.2f%%, worst %.2f%% (%s); mean drop %.2f points, "
                        + "worst %.2f (%s)%n", 100 * meanForgetAccuracy(),
                100 * worstForgetting().filteredSplit().worstForgetAccuracy(), label(worstForgetting()),
                100 * meanDrop(), 100 * worstDrop().retainDrop(), label(worstDrop())));
        return table.toString();
    }

    public String toCsv() {
        StringBuilder csv = new StringBuilder("forgotten,acc_f,acc_r,original_acc_r,drop\n");
        for (ForgettingReport report : reports) {
            csv.append(Csv.quote(label(report))).append(',')
                    .append(Csv.number(report.filteredSplit().worstForgetAccuracy())).append(',')
                    .append(Csv.number(report.filteredSplit().retainAccuracy())).append(',')
                    .append(Csv.number(report.originalSplit().retainAccuracy())).append(',')
                    .append(Csv.number(report.retainDrop())).append('\n');
        }
        return csv.toString();
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        JsonArray rows = new JsonArray();
        reports.forEach(r -> rows.add(r.toJson()));
        json.add("sets", rows);
        json.addProperty("mean_acc_f", meanForgetAccuracy());
        json.addProperty("worst_acc_f", worstForgetting().filteredSplit().worstForgetAccuracy());
        json.addProperty("worst_acc_f_set", label(worstForgetting()));
        json.addProperty("mean_acc_r_drop", meanDrop());
        json.addProperty("worst_acc_r_drop", worstDrop().retainDrop());
        json.addProperty("worst_acc_r_drop_set", label(worstDrop()));
        return json;
    }
}
