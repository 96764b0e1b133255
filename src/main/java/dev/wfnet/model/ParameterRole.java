package dev.wfnet.model;

/** What a parameter does in its layer. */
public enum ParameterRole {
    /** The weight of a convolution or linear layer: filtered by WF-Net by default. */
    WEIGHT,
    /** The bias of a convolution or linear layer. */
    BIAS,
    /** The scale (gamma) of a normalisation layer. */
    NORM_WEIGHT,
    /** The shift (beta) of a normalisation layer. */
    NORM_BIAS,
    /** A learned embedding (class token, position embedding). */
    EMBEDDING,
    /** A running statistic of batch normalisation: state, not trained by gradient. */
    RUNNING_STAT;

    public boolean trainable() {
        return this != RUNNING_STAT;
    }

    /** The text used in tables and metadata ("norm_weight"). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
