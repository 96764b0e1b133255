package dev.wfnet.explain;

/** What a deleted pixel becomes, and what insertion starts from. */
public enum PerturbationBaseline {
    /** 0 in normalised space: the training set's mean intensity (grey on Fashion-MNIST). */
    MEAN("mean"),
    /** Intensity 0: black, which is also the background of MNIST-like images. */
    BLACK("black");

    private final String label;

    PerturbationBaseline(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The baseline by its label. */
    public static PerturbationBaseline of(String label) {
        for (PerturbationBaseline baseline : values()) {
            if (baseline.label.equals(label)) {
                return baseline;
            }
        }
        throw new IllegalArgumentException("baseline must be 'mean' or 'black', not '" + label + "'");
    }
}
