package dev.wfnet.eval;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.io.Csv;
import java.util.List;
import java.util.Locale;

/**
 * Per-class and overall accuracy of predictions on a labelled dataset.
 *
 * @param dataset the name of the data the predictions were made on
 * @param classNames class names by index
 * @param correct correct predictions per true class
 * @param total images per true class
 */
public record AccuracyReport(String dataset, List<String> classNames, int[] correct, int[] total) {

    public AccuracyReport {
        classNames = List.copyOf(classNames);
        correct = correct.clone();
        total = total.clone();
    }

    /** Counts predictions against the dataset's labels. */
    public static AccuracyReport of(ImageDataset data, int[] predictions) {
        if (predictions.length != data.size()) {
            throw new IllegalArgumentException(predictions.length + " predictions for " + data.size() + " images");
        }
        int[] correct = new int[data.classCount()];
        int[] total = new int[data.classCount()];
        for (int i = 0; i < predictions.length; i++) {
            int label = data.label(i);
            total[label]++;
            correct[label] += predictions[i] == label ? 1 : 0;
        }
        return new AccuracyReport(data.name(), data.classNames(), correct, total);
    }

    /** Accuracy on the images of one class, or NaN if it has none. */
    public double classAccuracy(int c) {
        return total[c] == 0 ? Double.NaN : (double) correct[c] / total[c];
    }

    /** Every class's accuracy in percent, in class order: what the bar charts draw. */
    public double[] classPercentages() {
        double[] percent = new double[classNames.size()];
        java.util.Arrays.setAll(percent, c -> 100 * classAccuracy(c));
        return percent;
    }

    public double overall() {
        int right = 0;
        int all = 0;
        for (int c = 0; c < total.length; c++) {
            right += correct[c];
            all += total[c];
        }
        return all == 0 ? Double.NaN : (double) right / all;
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("dataset", dataset);
        json.addProperty("overall_accuracy", overall());
        json.addProperty("images", java.util.Arrays.stream(total).sum());
        JsonArray classes = new JsonArray();
        for (int c = 0; c < classNames.size(); c++) {
            JsonObject row = new JsonObject();
            row.addProperty("class", c);
            row.addProperty("name", classNames.get(c));
            row.addProperty("images", total[c]);
            row.addProperty("correct", correct[c]);
            row.addProperty("accuracy", classAccuracy(c));
            classes.add(row);
        }
        json.add("classes", classes);
        return json;
    }

    public String toCsv() {
        StringBuilder csv = new StringBuilder("class,name,images,correct,accuracy\n");
        for (int c = 0; c < classNames.size(); c++) {
            csv.append(c).append(',').append(Csv.quote(classNames.get(c))).append(',').append(total[c]).append(',')
                    .append(correct[c]).append(',').append(Csv.number(classAccuracy(c))).append('\n');
        }
        csv.append(",overall,").append(java.util.Arrays.stream(total).sum()).append(',')
                .append(java.util.Arrays.stream(correct).sum()).append(',').append(Csv.number(overall())).append('\n');
        return csv.toString();
    }

    /** A plain-text table for terminals and Markdown. */
    public String toMarkdown() {
        StringBuilder table = new StringBuilder("| class | name | images | accuracy |\n|---:|---|---:|---:|\n");
        for (int c = 0; c < classNames.size(); c++) {
            table.append(String.format(Locale.ROOT, "| %d | %s | %d | %.2f%% |%n", c, classNames.get(c), total[c],
                    100 * classAccuracy(c)));
        }
        table.append(String.format(Locale.ROOT, "| | **overall** | %d | **%.2f%%** |%n",
                java.util.Arrays.stream(total).sum(), 100 * overall()));
        return table.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccuracyReport that && dataset.equals(that.dataset)
                && classNames.equals(that.classNames) && java.util.Arrays.equals(correct, that.correct)
                && java.util.Arrays.equals(total, that.total);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(dataset, classNames, java.util.Arrays.hashCode(correct));
    }
}
