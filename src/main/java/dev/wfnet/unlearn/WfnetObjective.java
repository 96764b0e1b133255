package dev.wfnet.unlearn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import dev.wfnet.model.Architecture;
import dev.wfnet.model.BaseModelTrainer;
import dev.wfnet.model.EngineValues;
import dev.wfnet.model.ParameterSource;

/**
 * WF-Net's objective for one grouped batch (docs/method.md):
 * {@code L = l0 * mean CE over retain pairs + l1 * mean 1/(CE + eps) over forget samples
 * + l2 * mean(1 - alpha) over every alpha of the bank}; the retain CE is against the label or, with
 * {@link RetainTarget#ORIGINAL}, against the original model's output distribution. The frozen network runs in inference
 * mode (batch statistics are not touched); one forward per distinct row.
 */
public final class WfnetObjective {

    /** The loss to differentiate and its three terms as numbers (before weighting). */
    public record Terms(NDArray loss, double retain, double forget, double sparsity) {
    }

    private final Architecture architecture;
    private final ParameterSource weights;
    private final UntrainConfig config;

    public WfnetObjective(Architecture architecture, ParameterSource weights, UntrainConfig config) {
        this.architecture = architecture;
        this.weights = weights;
        this.config = config;
    }

    /**
     * Evaluates the loss; arrays are created in the current scope of the caller.
     *
     * @param images the batch's images as one tensor, in the batch's grouped order
     * @param labels the batch's labels as an integer tensor
     */
    public Terms evaluate(AlphaBank bank, GroupedBatch batch, NDArray images, NDArray labels) {
        NDArray retainSum = null;
        NDArray forgetSum = null;
        for (GroupedBatch.Group group : batch.groups()) {
            NDIndex slice = new NDIndex(group.start() + ":" + group.end());
            NDArray logits = architecture.forward(bank.row(weights, group.row()), images.get(slice), false);
            if (group.forget() > 0) {
                NDIndex forgetSlice = new NDIndex(":" + group.forget());
                NDArray inverse = EngineValues.power(EngineValues.plus(BaseModelTrainer.perSampleCrossEntropy(
                        logits.get(forgetSlice), labels.get(slice).get(forgetSlice)), config.epsilon()), -1).sum();
                forgetSum = forgetSum == null ? inverse : forgetSum.add(inverse);
            }
            if (group.retain() > 0) {
                NDIndex retainSlice = new NDIndex(group.forget() + ":");
                NDArray retained = retainCrossEntropy(logits.get(retainSlice), images.get(slice).get(retainSlice),
                        labels.get(slice).get(retainSlice)).sum();
                retainSum = retainSum == null ? retained : retainSum.add(retained);
            }
        }
        NDArray alphaSum = null;
        for (NDArray alpha : bank.alphas().values()) {
            alphaSum = alphaSum == null ? alpha.sum() : alphaSum.add(alpha.sum());
        }
        NDArray sparsity = EngineValues.plus(EngineValues.dividedBy(alphaSum, bank.layout().alphaCount()).neg(), 1);
        NDArray retain = retainSum == null ? sparsity.zerosLike()
                : EngineValues.dividedBy(retainSum, batch.retainCount());
        NDArray forget = forgetSum == null ? sparsity.zerosLike()
                : EngineValues.dividedBy(forgetSum, batch.forgetCount());
        NDArray loss = EngineValues.times(retain, config.retainWeight())
                .add(EngineValues.times(forget, config.forgetWeight()))
                .add(EngineValues.times(sparsity, config.sparsityWeight()));
        return new Terms(loss, retain.getFloat(), forget.getFloat(), sparsity.getFloat());
    }

    /** Per retain pair: cross-entropy against the label, or against the original model's distribution. */
    private NDArray retainCrossEntropy(NDArray logits, NDArray images, NDArray labels) {
        if (config.retainTarget() == RetainTarget.LABELS) {
            return BaseModelTrainer.perSampleCrossEntropy(logits, labels);
        }
        NDArray teacher = architecture.forward(weights, images, false).softmax(1).stopGradient();
        return teacher.mul(logits.logSoftmax(1)).sum(new int[] {1}).neg();
    }
}
