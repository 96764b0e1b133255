package dev.wfnet.unlearn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.wfnet.data.Normalization;
import dev.wfnet.model.Architecture;
import dev.wfnet.model.Classifier;
import dev.wfnet.model.ParameterSource;
import dev.wfnet.model.TorchRuntime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The network with a class set forgotten: every filtered weight multiplied once by the product of
 * the set's rows, kept in native memory this object owns. Inference then costs what the original
 * model costs. Close it to free the filtered weights.
 */
public final class FilteredModel implements ParameterSource, AutoCloseable {
    private final Architecture architecture;
    private final ParameterSource original;
    private final Normalization normalization;
    private final NDManager manager;
    private final Map<String, NDArray> filtered = new LinkedHashMap<>();

    /**
     * @param rows the bank rows to apply together (element-wise product); empty: the original model
     */
    public FilteredModel(Architecture architecture, ParameterSource original, Normalization normalization,
                         AlphaBank bank, int[] rows) {
        this.architecture = architecture;
        this.original = original;
        this.normalization = normalization;
        this.manager = TorchRuntime.newManager();
        if (rows.length > 0) {
            for (Map.Entry<String, NDArray> entry : bank.combinedRows(rows, manager).entrySet()) {
                NDArray alpha = entry.getValue();
                filtered.put(entry.getKey(), alpha.mul(original.get(entry.getKey())));
                alpha.close();
            }
        }
    }

    @Override
    public NDArray get(String name) {
        NDArray value = filtered.get(name);
        return value != null ? value : original.get(name);
    }

    public Classifier classifier() {
        return new Classifier(architecture, this, normalization, manager);
    }

    @Override
    public void close() {
        manager.close();
    }
}
