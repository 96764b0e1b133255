package dev.wfnet.app.forget;

import dev.wfnet.app.workspace.Workspace;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.StratifiedSample;
import java.util.Optional;

/**
 * The test split of a workspace divided for progressive answers: a fixed, seeded, stratified sample
 * that a toggle is answered from first, and the rest, which the refinement adds.
 *
 * @param draw which test images are in the sample
 * @param images the sample's images
 * @param rest the other test images
 * @param originalOnSample the original model's predictions of the sample's images
 * @param originalOnRest the original model's predictions of the other images
 */
record SplitSample(StratifiedSample draw, ImageDataset images, ImageDataset rest, int[] originalOnSample,
                   int[] originalOnRest) {
    /**
     * Images in the sample. 500 (50 per class of a balanced ten-class split) takes two batches, well
     * under the 300 ms aimed for on the small CNN, and measures ACC_r over nine classes to about
     * +-2.5 points and a forgotten class's ACC_f near 0% to within about 5 points (95%): enough to
     * see whether the class is gone and what the rest lost (docs/architecture.md, "Threads").
     */
    static final int SIZE = 500;
    /** Fixed, so the same toggle gives the same estimate in every session. */
    static final long SEED = 42;

    /** The sample of the workspace's test split, or empty when the split is too small to gain from one. */
    static Optional<SplitSample> of(Workspace workspace) {
        ImageDataset test = workspace.data().test();
        if (test.size() < 2 * SIZE) {
            return Optional.empty();
        }
        StratifiedSample draw = StratifiedSample.of(test, SIZE, SEED);
        int[] original = workspace.originalPredictions();
        int[] originalOnRest = java.util.Arrays.stream(draw.rest()).map(i -> original[i]).toArray();
        return Optional.of(new SplitSample(draw,
                test.subset(test.name() + " [sample of " + draw.size() + ", seed " + SEED + "]", draw.indices()),
                test.subset(test.name() + " [rest of the sample]", draw.rest()), draw.pick(original), originalOnRest));
    }

    int size() {
        return draw.size();
    }
}
