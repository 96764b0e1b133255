package dev.wfnet.unlearn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import dev.wfnet.model.GroupedParameters;
import dev.wfnet.model.ParameterSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The network filtered by several row sets at once, one per group of a batch stacked group after
 * group (docs/method.md, "Every row set in one batched pass"): each filtered parameter is
 * {@code [w * alpha[r1] (* alpha[r2]) for every set]}, computed on first use so that gradients reach
 * every row used; parameters that are not filtered are shared by every group. Products belong to the
 * caller's scope.
 */
final class RowSetParameters implements GroupedParameters {
    private final AlphaBank bank;
    private final ParameterSource weights;
    private final List<int[]> sets;
    private final Map<String, NDArray> made = new HashMap<>();

    /**
     * @param sets the bank rows each group applies together (element-wise product), group by group
     */
    RowSetParameters(AlphaBank bank, ParameterSource weights, List<int[]> sets) {
        if (sets.isEmpty()) {
            throw new IllegalArgumentException("no row sets");
        }
        this.bank = bank;
        this.weights = weights;
        this.sets = List.copyOf(sets);
    }

    /**
     * Forms every filtered product now, in the caller's scope, so that inference under inner scopes
     * (one per batch of images) reuses them instead of forming them again.
     */
    RowSetParameters formAll() {
        bank.alphas().keySet().forEach(this::perGroup);
        return this;
    }

    @Override
    public int groups() {
        return sets.size();
    }

    @Override
    public NDArray perGroup(String name) {
        NDArray alpha = bank.alphas().get(name);
        if (alpha == null) {
            return null;
        }
        return made.computeIfAbsent(name, key -> {
            NDArray weight = weights.get(key);
            NDList products = new NDList();
            for (int[] set : sets) {
                NDArray product = weight;
                for (int row : set) {
                    product = product.mul(alpha.get(new NDIndex("{}", row)));
                }
                products.add(product);
            }
            return products.size() == 1 ? products.get(0).expandDims(0) : NDArrays.stack(products);
        });
    }

    @Override
    public NDArray get(String name) {
        if (bank.alphas().containsKey(name)) {
            throw new IllegalStateException(name + " is filtered per row set; read it with perGroup");
        }
        return weights.get(name);
    }
}
