package dev.wfnet.unlearn;

/**
 * When a round checks its rows (docs/method.md, "Stopping on targets"): at a multiple of
 * {@code every} steps, as long as the checks so far have run at most {@link #SHARE} of the forward
 * passes the steps have (a training image counts as {@link #PASSES_PER_TRAINING_IMAGE}: forward, and
 * backward at about twice the forward), and always after the last step, for the report. Counting
 * images rather than seconds keeps a seeded round repeatable.
 *
 * @param every steps between checks at the most (0: none)
 * @param lastStep the round's last step
 */
record CheckCadence(int every, int lastStep) {
    /** The largest share of the steps' forward passes the checks may take. */
    static final double SHARE = 0.1;
    /** Forward passes a training image costs. */
    static final int PASSES_PER_TRAINING_IMAGE = 3;

    /**
     * @param done the steps done
     * @param checkedImages images the checks have run so far (an image under two row sets counts twice)
     * @param trainedImages training images the steps have run so far
     */
    boolean due(int done, long checkedImages, long trainedImages) {
        return every > 0 && (done == lastStep
                || done % every == 0 && checkedImages <= SHARE * PASSES_PER_TRAINING_IMAGE * trainedImages);
    }
}
