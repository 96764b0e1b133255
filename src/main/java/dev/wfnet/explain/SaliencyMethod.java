package dev.wfnet.explain;

/** The saliency maps the insertion/deletion benchmark compares. */
public enum SaliencyMethod {
    /** Feature maps weighted by how far the class's bank row switches their filters off. */
    ALPHA("alpha"),
    /** Feature maps weighted by the mean gradient of the class logit. */
    GRAD_CAM("grad-cam"),
    /** Uniform noise: the order any useful map must beat. */
    RANDOM("random");

    private final String label;

    SaliencyMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
