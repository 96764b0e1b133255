package dev.wfnet.unlearn;

import dev.wfnet.WfnetException;
import dev.wfnet.model.Architecture;
import dev.wfnet.model.ParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shape of a bank: which classes its rows forget, at which granularity, over which tensors.
 *
 * @param classes the model class of each row, ascending and distinct
 * @param modelClassCount how many classes the model has
 * @param granularity one alpha per weight or per filter
 * @param tensors the filtered parameters in architecture order
 */
public record BankLayout(int[] classes, int modelClassCount, Granularity granularity, List<FilteredTensor> tensors) {

    public BankLayout {
        classes = classes.clone();
        tensors = List.copyOf(tensors);
    }

    public static BankLayout of(Architecture architecture, int[] classes, Granularity granularity,
                                LayerSelection selection) throws WfnetException {
        int[] sorted = Arrays.stream(classes).distinct().sorted().toArray();
        if (sorted.length == 0) {
            throw new WfnetException("a bank needs at least one class to forget");
        }
        if (sorted.length != classes.length) {
            throw new WfnetException("classes to forget are listed twice: " + Arrays.toString(classes));
        }
        if (sorted[0] < 0 || sorted[sorted.length - 1] >= architecture.classCount()) {
            throw new WfnetException("classes to forget must be between 0 and " + (architecture.classCount() - 1)
                    + ", got " + Arrays.toString(classes));
        }
        List<FilteredTensor> tensors = new ArrayList<>();
        for (ParameterSpec spec : architecture.parameters()) {
            if (selection.includes(spec)) {
                tensors.add(FilteredTensor.of(spec.name(), spec.shape(), sorted.length, granularity));
            }
        }
        if (tensors.isEmpty()) {
            throw new WfnetException("the selection " + selection.describe() + " matches no parameter of "
                    + architecture.spec().id());
        }
        return new BankLayout(sorted, architecture.classCount(), granularity, tensors);
    }

    @Override
    public int[] classes() {
        return classes.clone();
    }

    public int rows() {
        return classes.length;
    }

    /** The row that forgets a class, or -1 if the bank cannot forget it. */
    public int rowOf(int modelClass) {
        int row = Arrays.binarySearch(classes, modelClass);
        return row >= 0 ? row : -1;
    }

    /**
     * The rows that forget a set of model classes, after checking that each class exists, is listed
     * once and is one the bank can forget.
     *
     * @param classNames the model's class names, for the messages
     */
    public int[] rowsFor(int[] modelClasses, List<String> classNames) throws WfnetException {
        for (int modelClass : modelClasses) {
            if (modelClass < 0 || modelClass >= modelClassCount) {
                throw new WfnetException("there is no class " + modelClass + ": the model's classes are numbered 0 to "
                        + (modelClassCount - 1));
            }
        }
        if (Arrays.stream(modelClasses).distinct().count() != modelClasses.length) {
            throw new WfnetException("a class is listed twice in " + Arrays.toString(modelClasses)
                    + "; forgetting it twice would square its alphas");
        }
        int[] rows = new int[modelClasses.length];
        for (int i = 0; i < modelClasses.length; i++) {
            rows[i] = rowOf(modelClasses[i]);
            if (rows[i] < 0) {
                throw new WfnetException("the bank cannot forget class " + modelClasses[i] + " ("
                        + classNames.get(modelClasses[i]) + "); it covers " + Arrays.toString(classes));
            }
        }
        return rows;
    }

    public int classOfRow(int row) {
        return classes[row];
    }

    /** Alphas in the whole bank, every row included. */
    public long alphaCount() {
        return tensors.stream().mapToLong(t -> t.alphasPerRow() * classes.length).sum();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BankLayout that && Arrays.equals(classes, that.classes)
                && modelClassCount == that.modelClassCount && granularity == that.granularity
                && tensors.equals(that.tensors);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(classes) * 31 + tensors.hashCode();
    }
}
