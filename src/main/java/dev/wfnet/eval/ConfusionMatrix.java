package dev.wfnet.eval;

import dev.wfnet.io.Csv;
import java.util.Arrays;
import java.util.List;

/**
 * Counts of (true class, predicted class) over a test split.
 *
 * @param classNames the classes, in index order
 * @param counts {@code counts[truth][predicted]}
 */
public record ConfusionMatrix(List<String> classNames, long[][] counts) {

    public ConfusionMatrix {
        classNames = List.copyOf(classNames);
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i].length != classNames.size()) {
                throw new IllegalArgumentException("row " + i + " has " + counts[i].length + " columns for "
                        + classNames.size() + " classes");
            }
            copy[i] = counts[i].clone();
        }
        if (copy.length != classNames.size()) {
            throw new IllegalArgumentException(copy.length + " rows for " + classNames.size() + " classes");
        }
        counts = copy;
    }

    public static ConfusionMatrix of(List<String> classNames, int[] labels, int[] predictions) {
        if (labels.length != predictions.length) {
            throw new IllegalArgumentException(predictions.length + " predictions for " + labels.length + " labels");
        }
        long[][] counts = new long[classNames.size()][classNames.size()];
        for (int i = 0; i < labels.length; i++) {
            counts[labels[i]][predictions[i]]++;
        }
        return new ConfusionMatrix(classNames, counts);
    }

    public int classCount() {
        return classNames.size();
    }

    public long count(int truth, int predicted) {
        return counts[truth][predicted];
    }

    /** The share of class {@code truth}'s images predicted as {@code predicted}; 0 for an empty class. */
    public double rate(int truth, int predicted) {
        long total = 0;
        for (long count : counts[truth]) {
            total += count;
        }
        return total == 0 ? 0 : (double) counts[truth][predicted] / total;
    }

    @Override
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /** Rows are true classes, columns predicted classes, with a header row and column of names. */
    public String toCsv() {
        StringBuilder csv = new StringBuilder("true\\predicted");
        classNames.forEach(name -> csv.append(',').append(Csv.quote(name)));
        csv.append('\n');
        for (int i = 0; i < counts.length; i++) {
            csv.append(Csv.quote(classNames.get(i)));
            for (long count : counts[i]) {
                csv.append(',').append(count);
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfusionMatrix matrix && classNames.equals(matrix.classNames)
                && Arrays.deepEquals(counts, matrix.counts);
    }

    @Override
    public int hashCode() {
        return 31 * classNames.hashCode() + Arrays.deepHashCode(counts);
    }
}
