package dev.wfnet.explain;

import java.util.List;

/**
 * Who each row of a bank is: the model class it forgets and that class's name. Every analysis
 * carries it so its CSV and JSON name classes, not row numbers.
 *
 * @param modelClasses the model class of each row
 * @param names the class name of each row
 */
public record BankRows(int[] modelClasses, List<String> names) {

    public BankRows {
        modelClasses = modelClasses.clone();
        names = List.copyOf(names);
        if (modelClasses.length != names.size()) {
            throw new IllegalArgumentException(modelClasses.length + " row classes but " + names.size() + " names");
        }
    }

    /** Rows 0..n-1 forgetting classes 0..n-1, named by {@code names}. */
    public static BankRows named(List<String> names) {
        return new BankRows(java.util.stream.IntStream.range(0, names.size()).toArray(), names);
    }

    @Override
    public int[] modelClasses() {
        return modelClasses.clone();
    }

    public int size() {
        return modelClasses.length;
    }

    public int modelClass(int row) {
        return modelClasses[row];
    }

    /** The row that forgets a model class, or -1 when the bank has none. */
    public int rowOf(int modelClass) {
        for (int row = 0; row < modelClasses.length; row++) {
            if (modelClasses[row] == modelClass) {
                return row;
            }
        }
        return -1;
    }

    public String name(int row) {
        return names.get(row);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BankRows that && java.util.Arrays.equals(modelClasses, that.modelClasses)
                && names.equals(that.names);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(modelClasses) * 31 + names.hashCode();
    }

    @Override
    public String toString() {
        return "BankRows" + names;
    }
}
