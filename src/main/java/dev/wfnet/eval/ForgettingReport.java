package dev.wfnet.eval;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.wfnet.io.Csv;
import dev.wfnet.unlearn.ForgetAccuracy;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What forgetting a class set does on a test split: every class's accuracy under the filtered
 * model beside the original's, ACC_f of each forgotten class, ACC_r over the rest and its drop.
 *
 * @param forgotten the forgotten classes
 * @param filtered per-class accuracy of the filtered model
 * @param original per-class accuracy of the original model
 * @param filteredSplit ACC_f / ACC_r of the filtered model
 * @param originalSplit the same split for the original model
 */
public record ForgettingReport(int[] forgotten, AccuracyReport filtered, AccuracyReport original,
                               ForgetAccuracy filteredSplit, ForgetAccuracy originalSplit) {

    public ForgettingReport {
        forgotten = forgotten.clone();
    }

    @Override
    public int[] forgotten() {
        return forgotten.clone();
    }

    public List<String> classNames() {
        return filtered.classNames();
    }

    /** ACC_r of the original minus ACC_r of the filtered model, in accuracy units (0.01 = 1 point). */
    public double retainDrop() {
        return originalSplit.retainAccuracy() - filteredSplit.retainAccuracy();
    }

    private String forgottenNames() {
        return String.join(", ", Arrays.stream(forgotten).mapToObj(c -> classNames().get(c)).toList());
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("dataset", filtered.dataset());
        JsonArray classes = new JsonArray();
        Arrays.stream(forgotten).forEach(classes::add);
        json.add("forgotten", classes);
        json.addProperty("forgotten_names", forgottenNames());
        JsonArray forget = new JsonArray();
        for (int k = 0; k < forgotten.length; k++) {
            JsonObject row = new JsonObject();
            row.addProperty("class", forgotten[k]);
            row.addProperty("name", classNames().get(forgotten[k]));
            row.addProperty("acc_f", filteredSplit.forgetAccuracy()[k]);
            row.addProperty("original_accuracy", originalSplit.forgetAccuracy()[k]);
            row.addProperty("unlearning_accuracy_ua", 1 - filteredSplit.forgetAccuracy()[k]);
            forget.add(row);
        }
        json.add("forget", forget);
        json.addProperty("acc_r", filteredSplit.retainAccuracy());
        json.addProperty("original_acc_r", originalSplit.retainAccuracy());
        json.addProperty("acc_r_drop", retainDrop());
        json.addProperty("overall_accuracy", filtered.overall());
        json.addProperty("original_overall_accuracy", original.overall());
        JsonArray perClass = new JsonArray();
        for (int c = 0; c < classNames().size(); c++) {
            JsonObject row = new JsonObject();
            row.addProperty("class", c);
            row.addProperty("name", classNames().get(c));
            row.addProperty("forgotten", isForgotten(c));
            row.addProperty("accuracy", filtered.classAccuracy(c));
            row.addProperty("original_accuracy", original.classAccuracy(c));
            perClass.add(row);
        }
        json.add("per_class", perClass);
        return json;
    }

    public String toCsv() {
        StringBuilder csv = new StringBuilder("class,name,forgotten,accuracy,original_accuracy,change\n");
        for (int c = 0; c < classNames().size(); c++) {
            csv.append(c).append(',').append(Csv.quote(classNames().get(c))).append(',').append(isForgotten(c))
                    .append(',').append(Csv.number(filtered.classAccuracy(c))).append(',')
                    .append(Csv.number(original.classAccuracy(c))).append(',')
                    .append(Csv.number(filtered.classAccuracy(c) - original.classAccuracy(c))).append('\n');
        }
        csv.append(",ACC_r (retained classes),false,").append(Csv.number(filteredSplit.retainAccuracy())).append(',')
                .append(Csv.number(originalSplit.retainAccuracy())).append(',').append(Csv.number(-retainDrop()))
                .append('\n');
        csv.append(",overall,,").append(Csv.number(filtered.overall())).append(',')
                .append(Csv.number(original.overall())).append(',')
                .append(Csv.number(filtered.overall() - original.overall())).append('\n');
        return csv.toString();
    }

    public String toMarkdown() {
        StringBuilder table = new StringBuilder();
        table.append("Forgetting ").append(forgottenNames()).append(" on ").append(filtered.dataset()).append("\n\n");
        table.append("| class | name | forgotten | accuracy | original | change |\n|---:|---|:---:|---:|---:|---:|\n");
        for (int c = 0; c < classNames().size(); c++) {
            table.append(String.format(Locale.ROOT, "| %d | %s | %s | %.2f%% | %.2f%% | %+.2f |%n", c,
                    classNames().get(c), isForgotten(c) ? "yes" : "", 100 * filtered.classAccuracy(c),
                    100 * original.classAccuracy(c), 100 * (filtered.classAccuracy(c) - original.classAccuracy(c))));
        }
        table.append(String.format(Locale.ROOT, "| | **ACC_r** | | **%.2f%%** | %.2f%% | %+.2f |%n",
                100 * filteredSplit.retainAccuracy(), 100 * originalSplit.retainAccuracy(), -100 * retainDrop()));
        table.append(String.format(Locale.ROOT, "| | overall | | %.2f%% | %.2f%% | %+.2f |%n", 100 * filtered.overall(),
                100 * original.overall(), 100 * (filtered.overall() - original.overall())));
        return table.toString();
    }

    private boolean isForgotten(int c) {
        return Arrays.stream(forgotten).anyMatch(f -> f == c);
    }
}
