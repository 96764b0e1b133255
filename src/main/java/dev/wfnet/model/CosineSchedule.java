package dev.wfnet.model;

/** A learning rate that decays from its base value to zero along half a cosine. */
public final class CosineSchedule {

    private CosineSchedule() {
    }

    /** The rate at {@code step} of {@code totalSteps}. */
    public static double at(double base, long step, long totalSteps) {
        return base * 0.5 * (1 + Math.cos(Math.PI * step / totalSteps));
    }
}
