package dev.wfnet.model;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam or SGD with momentum over named parameters, written by hand so its state is created once,
 * up front, outside any per-step scope (STACK.md: a per-step scope would free lazily created
 * state), and so gradients are zeroed after every step, which DJL's collector does not do.
 */
public final class GradientOptimizer {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final TrainingConfig.OptimizerKind kind;
    private final float momentum;
    private final float weightDecay;
    private final Map<String, NDArray> parameters;
    private final Map<String, NDArray> first = new LinkedHashMap<>();
    private final Map<String, NDArray> second = new LinkedHashMap<>();
    private int steps;

    public GradientOptimizer(TrainingConfig.OptimizerKind kind, double momentum, double weightDecay,
                             Map<String, NDArray> parameters) {
        this.kind = kind;
        this.momentum = (float) momentum;
        this.weightDecay = (float) weightDecay;
        this.parameters = new LinkedHashMap<>(parameters);
        for (Map.Entry<String, NDArray> entry : this.parameters.entrySet()) {
            NDArray parameter = entry.getValue();
            parameter.setRequiresGradient(true);
            first.put(entry.getKey(), parameter.zerosLike());
            if (kind == TrainingConfig.OptimizerKind.ADAM) {
                second.put(entry.getKey(), parameter.zerosLike());
            }
        }
    }

    public Map<String, NDArray> parameters() {
        return parameters;
    }

    public int steps() {
        return steps;
    }

    /** Restores the step count, for a run resumed from a checkpoint. */
    public void setSteps(int steps) {
        this.steps = steps;
    }

    /** First and second moment buffers by parameter name, for checkpoints of resumable runs. */
    public Map<String, NDArray> firstMoments() {
        return first;
    }

    public Map<String, NDArray> secondMoments() {
        return second;
    }

    /** Applies one update with each parameter's current gradient, then zeroes the gradients. */
    public void step(double learningRate) {
        steps++;
        float lr = (float) learningRate;
        float correction1 = 1 - (float) Math.pow(BETA1, steps);
        float correction2 = 1 - (float) Math.pow(BETA2, steps);
        for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
            NDArray weight = entry.getValue();
            NDArray gradient = weight.getGradient();
            NDArray g = weightDecay > 0 ? gradient.add(weight.mul(weightDecay)) : gradient;
            NDArray m = first.get(entry.getKey());
            if (kind == TrainingConfig.OptimizerKind.ADAM) {
                NDArray v = second.get(entry.getKey());
                m.muli(BETA1).addi(g.mul(1 - BETA1));
                v.muli(BETA2).addi(g.square().muli(1 - BETA2));
                NDArray denominator = v.div(correction2).sqrt().addi(EPSILON);
                weight.subi(m.div(denominator).muli(lr / correction1));
            } else {
                m.muli(momentum).addi(g);
                weight.subi(m.mul(lr));
            }
            gradient.subi(gradient);
        }
    }

    /** Every moment buffer, for freeing or saving. */
    public List<NDArray> state() {
        List<NDArray> state = new java.util.ArrayList<>(first.values());
        state.addAll(second.values());
        return state;
    }
}
