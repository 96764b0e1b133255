package dev.wfnet.data;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Makes the Fashion-MNIST subset bundled in {@code assets/fashion-mnist}: the first 600 training
 * and the first 200 test images of every class, in file order, from the full set, written as
 * gzipped IDX under the standard names. Deterministic: the same input gives the same bytes.
 *
 * <pre>
 * mvn -q -o test-compile
 * java -cp target/classes:target/test-classes dev.wfnet.data.MakeBundledSubset \
 *     /usr/share/datasets/fashion-mnist assets/fashion-mnist
 * </pre>
 */
public final class MakeBundledSubset {

    static final int TRAIN_PER_CLASS = 600;
    static final int TEST_PER_CLASS = 200;

    private MakeBundledSubset() {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args.length > 0 ? args[0] : FashionMnist.SYSTEM_DIRECTORY.toString());
        Path target = Path.of(args.length > 1 ? args[1] : "assets/fashion-mnist");
        make(source, target);
        System.out.println("wrote the bundled subset to " + target.toAbsolutePath());
    }

    /** Writes the subset of the full set in {@code source} to {@code target}. */
    static void make(Path source, Path target) throws Exception {
        DatasetSplits full = FashionMnist.loadFull(source);
        IdxSplitFiles.gzippedIn(target).write(new DatasetSplits(firstPerClass(full.train(), TRAIN_PER_CLASS),
                firstPerClass(full.test(), TEST_PER_CLASS)));
    }

    /** The first {@code perClass} images of every class, kept in their original order. */
    static ImageDataset firstPerClass(ImageDataset data, int perClass) {
        int[] taken = new int[data.classCount()];
        int[] indices = new int[data.classCount() * perClass];
        int n = 0;
        for (int i = 0; i < data.size() && n < indices.length; i++) {
            if (taken[data.label(i)] < perClass) {
                taken[data.label(i)]++;
                indices[n++] = i;
            }
        }
        if (n < indices.length) {
            throw new IllegalStateException(data + " has fewer than " + perClass
                    + " images of some class: " + Arrays.toString(taken));
        }
        return data.subset(data.name(), indices);
    }
}
