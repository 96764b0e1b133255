package dev.wfnet.explain;

import dev.wfnet.WfnetException;
import dev.wfnet.io.HostTensor;
import dev.wfnet.unlearn.BankCheckpoint;
import dev.wfnet.unlearn.BankLayout;
import dev.wfnet.unlearn.FilteredTensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bank's alphas on the Java heap, as every analysis of this package reads them: who the rows
 * are, and one {@link LayerAlphas} per filtered tensor in architecture order. Built from a
 * {@link BankCheckpoint} (sharing its arrays) or from explicit layers in tests.
 *
 * @param rows the class and name of each bank row
 * @param layers the filtered tensors, each {@code rows x filters x kernel}
 * @param origin where the alphas come from (model hash, step, granularity), copied into reports
 */
public record AlphaView(BankRows rows, List<LayerAlphas> layers, Map<String, String> origin) {

    public AlphaView {
        layers = List.copyOf(layers);
        origin = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(origin));
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("an alpha view needs at least one filtered layer");
        }
        for (LayerAlphas layer : layers) {
            if (layer.rows() != rows.size()) {
                throw new IllegalArgumentException("layer " + layer.name() + " has " + layer.rows() + " rows, the bank "
                        + rows.size());
            }
        }
        if (layers.stream().map(LayerAlphas::name).distinct().count() != layers.size()) {
            throw new IllegalArgumentException("layer names repeat");
        }
    }

    /** A view of explicit layers, with no origin. */
    public static AlphaView of(BankRows rows, List<LayerAlphas> layers) {
        return new AlphaView(rows, layers, Map.of());
    }

    /**
     * The view of a bank. Its arrays are shared, not copied (a bank can be gigabytes); nothing in
     * this package writes to them.
     */
    public static AlphaView of(BankCheckpoint bank) throws WfnetException {
        BankLayout layout = bank.layout();
        int rowCount = layout.rows();
        List<String> names = new ArrayList<>();
        for (int row = 0; row < rowCount; row++) {
            int modelClass = layout.classOfRow(row);
            names.add(modelClass < bank.classNames().size() ? bank.classNames().get(modelClass) : "class " + modelClass);
        }
        List<LayerAlphas> layers = new ArrayList<>();
        for (FilteredTensor tensor : layout.tensors()) {
            HostTensor alphas = bank.alphas().get(tensor.name());
            if (alphas == null) {
                throw new WfnetException("the bank has no alphas for its filtered tensor " + tensor.name());
            }
            if (!Arrays.equals(alphas.shape(), tensor.alphaShape())) {
                throw new WfnetException("the bank's alphas for " + tensor.name() + " are " + alphas.shapeText()
                        + ", its layout says " + HostTensor.shapeText(tensor.alphaShape()));
            }
            long[] parameterShape = tensor.parameterShape();
            long filters = parameterShape.length == 0 ? 1 : parameterShape[0];
            long perRow = tensor.alphasPerRow();
            if (perRow % filters != 0 || perRow * rowCount > Integer.MAX_VALUE) {
                throw new WfnetException("the alphas of " + tensor.name() + " (" + alphas.shapeText()
                        + ") cannot be split into " + filters + " filters");
            }
            layers.add(LayerAlphas.sharing(tensor.name(), rowCount, (int) filters, (int) (perRow / filters),
                    alphas.data()));
        }
        Map<String, String> origin = new LinkedHashMap<>();
        origin.put("model_sha256", bank.modelSha256());
        origin.put("step", Integer.toString(bank.step()));
        origin.put("granularity", layout.granularity().label());
        return new AlphaView(new BankRows(layout.classes(), names), layers, origin);
    }

    public int rowCount() {
        return rows.size();
    }

    public LayerAlphas layer(String name) {
        return layers.stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no filtered layer " + name));
    }

    /** Alphas in one row, over every layer. */
    public long alphasPerRow() {
        return layers.stream().mapToLong(LayerAlphas::alphasPerRow).sum();
    }
}
