package dev.wfnet.unlearn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import dev.wfnet.model.GradientOptimizer;
import dev.wfnet.model.TrainingConfig;
import java.util.Map;

/**
 * The optimiser of a bank's alphas as the untraining job uses it, whichever {@link AlphaOptimizer}
 * the settings name: one step from the gradients with some rows frozen, its state for checkpoints.
 */
interface AlphaUpdates {

    void step(double learningRate, boolean[] frozen);

    boolean gradientsFinite();

    int steps();

    void setSteps(int steps);

    Map<String, NDArray> firstMoments();

    Map<String, NDArray> secondMoments();

    static AlphaUpdates of(AlphaOptimizer kind, AlphaBank bank) {
        return kind == AlphaOptimizer.ROW_ADAM ? new RowAdamUpdates(new RowAdam(bank.alphas()))
                : new PerAlphaAdam(new GradientOptimizer(TrainingConfig.OptimizerKind.ADAM, 0, 0, bank.alphas()));
    }

    /** {@link RowAdam}, which freezes rows itself. */
    record RowAdamUpdates(RowAdam optimizer) implements AlphaUpdates {
        @Override
        public void step(double learningRate, boolean[] frozen) {
            optimizer.step(learningRate, frozen);
        }

        @Override
        public boolean gradientsFinite() {
            return optimizer.gradientsFinite();
        }

        @Override
        public int steps() {
            return optimizer.steps();
        }

        @Override
        public void setSteps(int steps) {
            optimizer.setSteps(steps);
        }

        @Override
        public Map<String, NDArray> firstMoments() {
            return optimizer.firstMoments();
        }

        @Override
        public Map<String, NDArray> secondMoments() {
            return optimizer.secondMoments();
        }
    }

    /**
     * Plain Adam (the engine's fused kernel); a frozen row is put back as it was after the update,
     * since Adam's momentum moves a parameter even when its gradient is zero.
     */
    record PerAlphaAdam(GradientOptimizer optimizer) implements AlphaUpdates {
        @Override
        public void step(double learningRate, boolean[] frozen) {
            Map<String, NDArray> alphas = optimizer.parameters();
            java.util.List<NDArray> kept = new java.util.ArrayList<>();
            for (int row = 0; row < frozen.length; row++) {
                if (frozen[row]) {
                    for (NDArray alpha : alphas.values()) {
                        kept.add(alpha.get(new NDIndex("{}", row)).duplicate());
                    }
                }
            }
            optimizer.step(learningRate);
            int next = 0;
            for (int row = 0; row < frozen.length; row++) {
                if (frozen[row]) {
                    for (NDArray alpha : alphas.values()) {
                        alpha.set(new NDIndex("{}", row), kept.get(next++));
                    }
                }
            }
        }

        @Override
        public boolean gradientsFinite() {
            return optimizer.gradientsFinite();
        }

        @Override
        public int steps() {
            return optimizer.steps();
        }

        @Override
        public void setSteps(int steps) {
            optimizer.setSteps(steps);
        }

        @Override
        public Map<String, NDArray> firstMoments() {
            return optimizer.firstMoments();
        }

        @Override
        public Map<String, NDArray> secondMoments() {
            return optimizer.secondMoments();
        }
    }
}
