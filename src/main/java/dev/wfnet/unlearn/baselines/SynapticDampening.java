package dev.wfnet.unlearn.baselines;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import dev.wfnet.model.EngineValues;
import java.util.Map;

/**
 * SSD's one-shot edit (Foster et al. 2024, {@code ssd.py} of its repository): with diagonal
 * Fisher importances {@code I_D} on all training data and {@code I_f} on the forget set, every
 * weight whose forget importance exceeds {@code alpha} times its overall importance is multiplied
 * by {@code min(lambda I_D / I_f, 1)}; every other weight is left alone.
 */
final class SynapticDampening {

    private SynapticDampening() {
    }

    /** Dampens {@code parameters} in place; returns how many weights were dampened. */
    static long dampen(Map<String, NDArray> parameters, Map<String, NDArray> overall, Map<String, NDArray> forget,
                       double alpha, double lambda) {
        long dampened = 0;
        for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
            NDArray overallImportance = overall.get(entry.getKey());
            NDArray forgetImportance = forget.get(entry.getKey());
            try (NDArray selected = forgetImportance.gt(EngineValues.times(overallImportance, alpha));
                 NDArray factor = EngineValues.minimum(EngineValues.times(overallImportance, lambda)
                         .div(forgetImportance), 1);
                 NDArray ones = factor.onesLike();
                 NDArray multiplier = NDArrays.where(selected, factor, ones)) {
                entry.getValue().muli(multiplier);
                dampened += selected.countNonzero().getLong();
            }
        }
        return dampened;
    }
}
