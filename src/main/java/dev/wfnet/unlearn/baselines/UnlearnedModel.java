package dev.wfnet.unlearn.baselines;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.wfnet.model.NetworkWeights;
import dev.wfnet.model.ParameterSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an unlearning method produced: new weights in native memory owned here, what the method
 * cost and the settings it ran with. Close it to free the weights.
 *
 * @param weights the unlearned weights
 * @param manager owns the weights
 * @param seconds the method's own run time, evaluation excluded (for a cached Retrain: the time
 *     the stored model took to train)
 * @param settings every setting of the run, as text, for the report's rows
 */
public record UnlearnedModel(NetworkWeights weights, NDManager manager, double seconds, Map<String, String> settings)
        implements ParameterSource, AutoCloseable {

    public UnlearnedModel {
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    @Override
    public NDArray get(String name) {
        return weights.get(name);
    }

    @Override
    public void close() {
        manager.close();
    }
}
