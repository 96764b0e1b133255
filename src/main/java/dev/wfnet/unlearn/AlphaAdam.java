package dev.wfnet.unlearn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.wfnet.model.EngineValues;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam on a bank's alphas, with one second moment per alpha ({@link AlphaOptimizer#ADAM}, as
 * {@code torch.optim.Adam}) or one per bank row and tensor ({@link AlphaOptimizer#ROW_ADAM}, ours;
 * docs/method.md, "Update and clamp"). Plain Adam divides every alpha's gradient by that alpha's own running
 * magnitude, so an alpha that the loss barely touches moves as fast as the ones that carry the
 * class: forgetting then shifts almost every weight a little and the retained classes pay for it.
 * Sharing the second moment across a row of a tensor keeps the scale-free step of Adam (the RMS
 * step of a row is the learning rate, whatever the model's gradient scale) while each alpha moves
 * in proportion to its gradient: the weights that matter for the class move, the others stay.
 * <p>
 * Each row has its own share of the learning rate ({@link #step}): 0 freezes a row, a smaller share
 * lets a row that has forgotten its class settle (docs/method.md, "Per-row step size").
 */
public final class AlphaAdam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    /** torch.optim.Adam's epsilon for a second moment per alpha; tiny for one per row. */
    private static final double ALPHA_EPSILON = 1e-8;
    private static final double ROW_EPSILON = 1e-12;
    private static final NDIndex ALL = new NDIndex("...");

    private final boolean perRow;
    private final Map<String, NDArray> alphas;
    private final Map<String, NDArray> first = new LinkedHashMap<>();
    private final Map<String, NDArray> second = new LinkedHashMap<>();
    private int steps;

    /** Creates the moments (zero) beside each alpha tensor, in the alphas' manager. */
    public AlphaAdam(AlphaOptimizer kind, Map<String, NDArray> alphas) {
        this.perRow = kind == AlphaOptimizer.ROW_ADAM;
        this.alphas = new LinkedHashMap<>(alphas);
        for (Map.Entry<String, NDArray> entry : this.alphas.entrySet()) {
            NDArray alpha = entry.getValue();
            alpha.setRequiresGradient(true);
            first.put(entry.getKey(), alpha.zerosLike());
            second.put(entry.getKey(), perRow ? alpha.getManager().zeros(rowMomentShape(alpha.getShape()))
                    : alpha.zerosLike());
        }
    }

    /** The shape of a tensor's row second moment: rows x 1 x ... (broadcasts over the row). */
    public static Shape rowMomentShape(Shape alphaShape) {
        long[] shape = new long[alphaShape.dimension()];
        java.util.Arrays.fill(shape, 1);
        shape[0] = alphaShape.get(0);
        return new Shape(shape);
    }

    public int steps() {
        return steps;
    }

    /** Restores the step count of a resumed run. */
    public void setSteps(int steps) {
        this.steps = steps;
    }

    public Map<String, NDArray> firstMoments() {
        return first;
    }

    public Map<String, NDArray> secondMoments() {
        return second;
    }

    /**
     * One update from the alphas' current gradients, then the gradients are zeroed. Temporaries
     * belong to the caller's scope.
     *
     * @param rowShares per row, the share of the learning rate it takes (0: its alphas stay as they are)
     */
    public void step(double learningRate, double[] rowShares) {
        steps++;
        double correction1 = 1 - Math.pow(BETA1, steps);
        double correction2 = 1 - Math.pow(BETA2, steps);
        for (Map.Entry<String, NDArray> entry : alphas.entrySet()) {
            NDArray alpha = entry.getValue();
            NDArray gradient = alpha.getGradient();
            NDArray mean = first.get(entry.getKey());
            NDArray meanSquare = second.get(entry.getKey());
            Shape momentShape = meanSquare.getShape();
            NDArray squared = gradient.square();
            if (perRow) {
                squared = squared.reshape(momentShape.get(0), -1).mean(new int[] {1}, true).reshape(momentShape);
            }
            mean.set(ALL, EngineValues.times(mean, BETA1).add(EngineValues.times(gradient, 1 - BETA1)));
            meanSquare.set(ALL, EngineValues.times(meanSquare, BETA2).add(EngineValues.times(squared, 1 - BETA2)));
            NDArray scale = EngineValues.plus(EngineValues.dividedBy(meanSquare, correction2).sqrt(),
                    perRow ? ROW_EPSILON : ALPHA_EPSILON);
            NDArray update = EngineValues.times(EngineValues.dividedBy(mean, correction1).div(scale), learningRate);
            if (!allOnes(rowShares)) {
                update = update.mul(EngineValues.copyOf(alpha.getManager(), toFloats(rowShares),
                        rowMomentShape(alpha.getShape())));
            }
            alpha.subi(update);
            EngineValues.fill(gradient, 0);
        }
    }

    /** Whether every gradient is a finite number (a sum per tensor sees NaN and infinity). */
    public boolean gradientsFinite() {
        return dev.wfnet.model.GradientOptimizer.gradientsFinite(alphas.values());
    }

    private static boolean allOnes(double[] shares) {
        for (double share : shares) {
            if (share != 1) {
                return false;
            }
        }
        return true;
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }
}
