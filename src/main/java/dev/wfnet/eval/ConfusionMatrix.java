package dev.wfnet.eval;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.io.Csv;
import java.util.List;

/**
 * How often images of each true class are predicted as each class.
 *
 * @param classNames class names by index
 * @param counts {@code counts[true class][predicted class]}
 */
public record ConfusionMatrix(List<String> classNames, int[][] counts) {

    public ConfusionMatrix {
        classNames = List.copyOf(classNames);
        int n = classNames.size();
        if (counts.length != n) {
            throw new IllegalArgumentException("a confusion matrix of " + n + " classes needs " + n + " rows, got "
                    + counts.length);
        }
        int[][] copy = new int[n][];
        for (int i = 0; i < n; i++) {
            if (counts[i].length != n) {
                throw new IllegalArgumentException("confusion row " + i + " has " + counts[i].length + " columns, not "
                        + n);
            }
            copy[i] = counts[i].clone();
        }
        counts = copy;
    }

    /** Counts predictions against the dataset's labels. */
    public static ConfusionMatrix of(ImageDataset data, int[] predictions) {
        if (predictions.length != data.size()) {
            throw new IllegalArgumentException(predictions.length + " predictions for " + data.size() + " images");
        }
        int[][] counts = new int[data.classCount()][data.classCount()];
        for (int i = 0; i < predictions.length; i++) {
            counts[data.label(i)][predictions[i]]++;
        }
        return new ConfusionMatrix(data.classNames(), counts);
    }

    public int size() {
        return counts.length;
    }

    public int count(int trueClass, int predictedClass) {
        return counts[trueClass][predictedClass];
    }

    /** The share of class {@code trueClass}'s images predicted as {@code predictedClass}; 0 for an empty class. */
    public double rate(int trueClass, int predictedClass) {
        return share(counts[trueClass][predictedClass], support(trueClass));
    }

    /** Images whose true class is {@code c}. */
    public int support(int c) {
        return java.util.Arrays.stream(counts[c]).sum();
    }

    /**
     * How much the model mixes two classes up, symmetrised and independent of class sizes:
     * {@code s(i, j) = (C[i][j] / n_i + C[j][i] / n_j) / 2}, the mean of the two confusion rates
     * (0 on the diagonal, and for a class without images).
     */
    public double[][] similarity() {
        int n = size();
        double[] rowTotals = new double[n];
        for (int i = 0; i < n; i++) {
            rowTotals[i] = support(i);
        }
        double[][] similarity = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    similarity[i][j] = (share(counts[i][j], rowTotals[i]) + share(counts[j][i], rowTotals[j])) / 2;
                }
            }
        }
        return similarity;
    }

    private static double share(int count, double total) {
        return total == 0 ? 0 : count / total;
    }

    @Override
    public int[][] counts() {
        int[][] copy = new int[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /** One line per true class, a column per predicted class. */
    public String toCsv() {
        StringBuilder csv = new StringBuilder("true_class,name");
        classNames.forEach(name -> csv.append(',').append(Csv.quote("predicted " + name)));
        csv.append('\n');
        for (int i = 0; i < size(); i++) {
            csv.append(i).append(',').append(Csv.quote(classNames.get(i)));
            for (int count : counts[i]) {
                csv.append(',').append(count);
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        JsonArray names = new JsonArray();
        classNames.forEach(names::add);
        json.add("names", names);
        JsonArray rows = new JsonArray();
        for (int[] row : counts) {
            JsonArray line = new JsonArray();
            for (int count : row) {
                line.add(count);
            }
            rows.add(line);
        }
        json.add("counts", rows);
        return json;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfusionMatrix that && classNames.equals(that.classNames)
                && java.util.Arrays.deepEquals(counts, that.counts);
    }

    @Override
    public int hashCode() {
        return classNames.hashCode() * 31 + java.util.Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix[" + size() + " classes]";
    }
}
