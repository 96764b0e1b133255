package dev.wfnet.unlearn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.wfnet.WfnetException;
import dev.wfnet.io.HostTensor;
import dev.wfnet.model.EngineValues;
import dev.wfnet.model.ParameterSource;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The alphas of a bank in native memory: for each filtered tensor, one {@code rows x ...} array.
 * Row {@code r} forgets class {@code layout.classOfRow(r)} when multiplied into the weights.
 */
public final class AlphaBank {
    private final BankLayout layout;
    private final Map<String, NDArray> alphas;

    private AlphaBank(BankLayout layout, Map<String, NDArray> alphas) {
        this.layout = layout;
        this.alphas = Collections.unmodifiableMap(alphas);
    }

    /** Every alpha one: the bank that forgets nothing, where untraining starts. */
    public static AlphaBank ones(BankLayout layout, NDManager manager) {
        Map<String, NDArray> alphas = new LinkedHashMap<>();
        for (FilteredTensor tensor : layout.tensors()) {
            alphas.put(tensor.name(), manager.ones(new Shape(tensor.alphaShape())));
        }
        return new AlphaBank(layout, alphas);
    }

    /** Alphas from host tensors, each checked against the layout. */
    public static AlphaBank load(BankLayout layout, Map<String, HostTensor> tensors, NDManager manager, String source)
            throws WfnetException {
        Map<String, NDArray> alphas = new LinkedHashMap<>();
        for (FilteredTensor tensor : layout.tensors()) {
            HostTensor host = tensors.get(tensor.name());
            if (host == null || !Arrays.equals(host.shape(), tensor.alphaShape())) {
                alphas.values().forEach(NDArray::close);
                throw new WfnetException(source + ": alphas of " + tensor.name() + " are "
                        + (host == null ? "missing" : host.shapeText()) + ", the layout needs "
                        + HostTensor.shapeText(tensor.alphaShape()));
            }
            alphas.put(tensor.name(), EngineValues.copyOf(manager, host));
        }
        return new AlphaBank(layout, alphas);
    }

    public BankLayout layout() {
        return layout;
    }

    /** The alpha arrays by parameter name, rows first. */
    public Map<String, NDArray> alphas() {
        return alphas;
    }

    /**
     * The network filtered by one row, for training: each filtered parameter is {@code w * alpha[row]}
     * computed on demand, so gradients reach the alphas. Products belong to the caller's scope.
     */
    public ParameterSource row(ParameterSource weights, int row) {
        return rows(weights, row);
    }

    /**
     * The network filtered by several rows at once, for training: {@code w * alpha[r1] * alpha[r2] ...},
     * so gradients reach every row of the set. Products belong to the caller's scope.
     */
    public ParameterSource rows(ParameterSource weights, int... rows) {
        return name -> {
            NDArray alpha = alphas.get(name);
            NDArray weight = weights.get(name);
            if (alpha == null) {
                return weight;
            }
            for (int row : rows) {
                weight = weight.mul(alpha.get(new NDIndex("{}", row)));
            }
            return weight;
        };
    }

    /**
     * The alphas that forget every class of a set at once: the element-wise product of their rows
     * (docs/method.md). Created in {@code manager}; an empty set gives all ones.
     */
    public Map<String, NDArray> combinedRows(int[] rows, NDManager manager) {
        Map<String, NDArray> combined = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> entry : alphas.entrySet()) {
            FilteredTensor tensor = layout.tensors().stream().filter(t -> t.name().equals(entry.getKey()))
                    .findFirst().orElseThrow();
            NDArray product = manager.ones(new Shape(tensor.rowShape()));
            for (int row : rows) {
                try (NDArray slice = entry.getValue().get(new NDIndex("{}", row))) {
                    product.muli(slice);
                }
            }
            combined.put(entry.getKey(), product);
        }
        return combined;
    }

    /** Clamps every alpha into [0, 1] in place (docs/method.md: after every optimiser step). */
    public void clamp() {
        // Masked writes, in place (the optimiser holds these arrays): values outside become exactly
        // 0 or 1, values inside keep their bits, NaN stays NaN for allFinite() to see. Subtracting
        // the excess (alpha - (alpha - clip(alpha))) rounds for |alpha| >= 2^24 (1e8 became 0) and
        // turns infinities into NaN.
        for (NDArray alpha : alphas.values()) {
            try (NDArray one = EngineValues.scalar(alpha, 1); NDArray zero = EngineValues.scalar(alpha, 0);
                 NDArray above = alpha.gt(one); NDArray below = alpha.lt(zero)) {
                EngineValues.fill(alpha, new NDIndex("{}", above), 1);
                EngineValues.fill(alpha, new NDIndex("{}", below), 0);
            }
        }
    }

    /** Whether every alpha is a finite number. */
    public boolean allFinite() {
        return EngineValues.allFinite(alphas.values());
    }

    /** A copy of the alphas on the Java heap. */
    public Map<String, HostTensor> toHost() {
        return dev.wfnet.model.HostCopies.of(alphas);
    }
}
