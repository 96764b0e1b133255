package dev.wfnet.eval;

/**
 * ZRF, the zero-retrain-forgetting score (Chundawat et al. 2023, "Can bad teaching induce
 * forgetting?", used by SSD): {@code 1 - mean JS(p_i, q_i)} over the forgotten class's test images,
 * where {@code p_i} is the unlearned model's softmax output and {@code q_i} that of a randomly
 * initialised model of the same architecture. 1 means the model answers exactly like one that
 * knows nothing.
 *
 * <p>JS is the textbook Jensen-Shannon divergence per image,
 * {@code 0.5 KL(p || m) + 0.5 KL(q || m)} with {@code m = (p + q) / 2}, in nats (natural
 * logarithm, as the reference code), so it lies in {@code [0, ln 2]} and ZRF in
 * {@code [1 - ln 2, 1]} (about 0.307 to 1). The reference code (SSD's {@code metrics.JSDiv})
 * differs in two ways documented in the README: it averages over images and classes together
 * ({@code F.kl_div}'s element mean) and its arguments give {@code KL(m || p)}; this class follows
 * the paper's per-image definition.
 */
public final class ZeroRetrainForgetting {

    private ZeroRetrainForgetting() {
    }

    /** {@code 1 - mean JS} over the rows of two probability matrices of the same shape. */
    public static double score(float[][] model, float[][] random) {
        if (model.length != random.length) {
            throw new IllegalArgumentException(model.length + " rows against " + random.length);
        }
        if (model.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < model.length; i++) {
            sum += jensenShannon(model[i], random[i]);
        }
        return 1 - sum / model.length;
    }

    /** The Jensen-Shannon divergence of two distributions, in nats; a zero probability contributes nothing. */
    public static double jensenShannon(float[] p, float[] q) {
        if (p.length != q.length) {
            throw new IllegalArgumentException("distributions of " + p.length + " and " + q.length + " classes");
        }
        double divergence = 0;
        for (int k = 0; k < p.length; k++) {
            double m = (p[k] + (double) q[k]) / 2;
            divergence += 0.5 * term(p[k], m) + 0.5 * term(q[k], m);
        }
        // rounding of probabilities that sum to 1 only up to float precision can leave -1e-9
        return Math.max(0, divergence);
    }

    private static double term(double x, double m) {
        return x > 0 ? x * Math.log(x / m) : 0;
    }
}
