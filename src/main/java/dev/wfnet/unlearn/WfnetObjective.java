package dev.wfnet.unlearn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.wfnet.model.Architecture;
import dev.wfnet.model.BaseModelTrainer;
import dev.wfnet.model.EngineValues;
import dev.wfnet.model.ParameterSource;
import java.util.List;

/**
 * WF-Net's objective for one grouped batch (docs/method.md):
 * {@code L = l0 * mean CE over retain pairs + l1 * mean forget loss over forget samples
 * + l2 * mean(1 - alpha) over every alpha of the bank}; the retain CE is against the label or, with
 * {@link RetainTarget#ORIGINAL}, against the original model's output distribution. The frozen network runs in inference
 * mode (batch statistics are not touched). One forward per row set over its slice of the batch; with
 * {@link Rows#BATCHED}, when every row set has the same numbers of forget and retain samples (the
 * stratified draw), every set runs in one batched forward instead ({@link RowSetParameters}). The forget
 * loss is the paper's {@code 1/(CE + eps)} or the log-complement ({@link ForgetLoss}).
 */
public final class WfnetObjective {

    /** The loss to differentiate and its three terms as numbers (before weighting). */
    public record Terms(NDArray loss, double retain, double forget, double sparsity) {
    }

    /** How the row sets of a batch go through the network. */
    public enum Rows {
        /** One forward per row set over its slice of the batch: the reference, and any batch. */
        LOOP,
        /** Every row set in one batched forward when the sets are of equal sizes, else the loop. */
        BATCHED;

        /**
         * {@code -Dwfnet.untrain.rows=loop|batched}, the loop when not set: on the small CNN the
         * batched pass was no faster than the loop, in steps or in checks ({@code UntrainStepBenchmark};
         * README, "Performance"). The switch times whole rounds both ways.
         */
        public static Rows fromProperty() {
            return "batched".equalsIgnoreCase(System.getProperty("wfnet.untrain.rows", "loop")) ? BATCHED : LOOP;
        }
    }

    private final Architecture architecture;
    private final ParameterSource weights;
    private final UntrainConfig config;
    private final Rows rows;

    /** With the rows computed as {@link Rows#fromProperty()} says. */
    public WfnetObjective(Architecture architecture, ParameterSource weights, UntrainConfig config) {
        this(architecture, weights, config, Rows.fromProperty());
    }

    public WfnetObjective(Architecture architecture, ParameterSource weights, UntrainConfig config, Rows rows) {
        this.architecture = architecture;
        this.weights = weights;
        this.config = config;
        this.rows = rows;
    }

    /** Whether a batch runs as one batched forward: its row sets have equal forget and retain counts. */
    public boolean batches(GroupedBatch batch) {
        List<GroupedBatch.Group> groups = batch.groups();
        return rows == Rows.BATCHED && !groups.isEmpty() && groups.stream().allMatch(group ->
                group.forget() == groups.get(0).forget() && group.retain() == groups.get(0).retain());
    }

    /**
     * Evaluates the loss; arrays are created in the current scope of the caller.
     *
     * @param images the batch's images as one tensor, in the batch's grouped order
     * @param labels the batch's labels as an integer tensor
     */
    public Terms evaluate(AlphaBank bank, GroupedBatch batch, NDArray images, NDArray labels) {
        NDArray[] sums = batches(batch) ? batchedSums(bank, batch, images, labels)
                : loopSums(bank, batch, images, labels);
        NDArray forgetSum = sums[0];
        NDArray retainSum = sums[1];
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

    /** The sums of the forget and the retain terms, every row set in one batched forward. */
    private NDArray[] batchedSums(AlphaBank bank, GroupedBatch batch, NDArray images, NDArray labels) {
        GroupedBatch.Group first = batch.groups().get(0);
        int groups = batch.groups().size();
        int size = first.forget() + first.retain();
        NDArray logits = architecture.forward(new RowSetParameters(bank, weights,
                batch.groups().stream().map(GroupedBatch.Group::rows).toList()), images, false);
        long classes = logits.getShape().get(1);
        NDArray grouped = logits.reshape(groups, size, classes);
        NDArray groupedLabels = labels.reshape(groups, size);
        NDArray forgetSum = null;
        NDArray retainSum = null;
        if (first.forget() > 0) {
            NDIndex part = new NDIndex(":, :" + first.forget());
            forgetSum = config.forgetLoss().perSample(grouped.get(part).reshape(-1, classes),
                    groupedLabels.get(part).reshape(-1), config.epsilon()).sum();
        }
        if (first.retain() > 0) {
            NDIndex part = new NDIndex(":, " + first.forget() + ":");
            NDArray retainImages = images.reshape(groups, size, -1).get(part)
                    .reshape(new Shape(-1).addAll(images.getShape().slice(1)));
            retainSum = retainCrossEntropy(grouped.get(part).reshape(-1, classes), retainImages,
                    groupedLabels.get(part).reshape(-1)).sum();
        }
        return new NDArray[] {forgetSum, retainSum};
    }

    /** The sums of the forget and the retain terms, one forward per row set over its slice. */
    private NDArray[] loopSums(AlphaBank bank, GroupedBatch batch, NDArray images, NDArray labels) {
        NDArray forgetSum = null;
        NDArray retainSum = null;
        for (GroupedBatch.Group group : batch.groups()) {
            NDIndex slice = new NDIndex(group.start() + ":" + group.end());
            NDArray logits = architecture.forward(bank.rows(weights, group.rows()), images.get(slice), false);
            if (group.forget() > 0) {
                NDIndex forgetSlice = new NDIndex(":" + group.forget());
                NDArray forgotten = config.forgetLoss().perSample(logits.get(forgetSlice),
                        labels.get(slice).get(forgetSlice), config.epsilon()).sum();
                forgetSum = forgetSum == null ? forgotten : forgetSum.add(forgotten);
            }
            if (group.retain() > 0) {
                NDIndex retainSlice = new NDIndex(group.forget() + ":");
                NDArray retained = retainCrossEntropy(logits.get(retainSlice), images.get(slice).get(retainSlice),
                        labels.get(slice).get(retainSlice)).sum();
                retainSum = retainSum == null ? retained : retainSum.add(retained);
            }
        }
        return new NDArray[] {forgetSum, retainSum};
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
