package dev.wfnet.unlearn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.wfnet.model.BaseModelTrainer;
import dev.wfnet.model.EngineValues;

/**
 * The forget term of the objective, per forget sample (docs/method.md, "The objective").
 * <ul>
 *   <li>{@link #INVERSE}: the paper's {@code 1 / (CE + eps)}. Its gradient grows without bound as the
 *       model gets surer of the sample ({@code -1 / (CE + eps)^2}) and keeps pushing long after the
 *       class is no longer predicted.</li>
 *   <li>{@link #LOG_COMPLEMENT} <em>(ours)</em>: {@code -log(1 - p_y)}, the cross-entropy of "not
 *       class y". Its gradient with respect to the logits is bounded by one and vanishes as
 *       {@code p_y} goes to zero, so a row stops pushing once its class is forgotten and the retain
 *       term is left to repair what the push cost.</li>
 * </ul>
 */
public enum ForgetLoss {
    INVERSE, LOG_COMPLEMENT;

    /** Subtracted from the forgotten class's logit to leave it out of a log-sum-exp: exp(-1e4) is 0. */
    private static final double MASK = 1e4;

    /**
     * The per-sample forget loss of logits against the labels the rows forget.
     *
     * @param epsilon eps of {@link #INVERSE}; unused by {@link #LOG_COMPLEMENT}
     */
    public NDArray perSample(NDArray logits, NDArray labels, double epsilon) {
        if (this == INVERSE) {
            return EngineValues.power(EngineValues.plus(BaseModelTrainer.perSampleCrossEntropy(logits, labels), epsilon),
                    -1);
        }
        // log(1 - p_y) = LSE over the other classes - LSE over all, each read at the strongest other
        // class k, where both log-softmaxes are exact: no cancellation even when p_y rounds to one.
        long classes = logits.getShape().get(1);
        NDArray masked = logits.sub(EngineValues.times(labels.toType(DataType.INT64, false).oneHot((int) classes),
                MASK));
        NDArray strongestOther = masked.argMax(1).reshape(-1, 1);
        return masked.logSoftmax(1).gather(strongestOther, 1).sub(logits.logSoftmax(1).gather(strongestOther, 1))
                .reshape(-1);
    }
}
