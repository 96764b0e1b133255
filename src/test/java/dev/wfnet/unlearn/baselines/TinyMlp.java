package dev.wfnet.unlearn.baselines;

import dev.wfnet.WfnetException;
import dev.wfnet.data.DatasetSplits;
import dev.wfnet.data.FashionMnist;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.ImageShape;
import dev.wfnet.data.Normalization;
import dev.wfnet.io.Hashing;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.model.ArchitectureCatalog;
import dev.wfnet.model.ArchitectureSpec;
import dev.wfnet.model.BaseModelTrainer;
import dev.wfnet.model.LoadedModel;
import dev.wfnet.model.TrainingConfig;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;

/**
 * Tiny models that train in seconds, for tests of unlearning metrics and methods: an MLP on the
 * first 60 training images of each bundled Fashion-MNIST class (600 images), tested on the first
 * 50 test images of each class. Trained for 40 epochs it memorises its training images (every one
 * right, with near-certain probabilities) while it gets about three test images in four right.
 * Shared by the test classes of one JVM; never closed.
 */
public final class TinyMlp {
    /** Adam 1e-3, batch 50, 40 epochs, seed 7: long enough to memorise 600 images. */
    public static final TrainingConfig RECIPE = TrainingConfig.builder().set(TrainingConfig.EPOCHS, 40)
            .set(TrainingConfig.BATCH_SIZE, 50).set(TrainingConfig.OPTIMIZER, TrainingConfig.OptimizerKind.ADAM)
            .set(TrainingConfig.LEARNING_RATE, 1e-3).set(TrainingConfig.MOMENTUM, 0.9)
            .set(TrainingConfig.WEIGHT_DECAY, 0.0).set(TrainingConfig.COSINE_SCHEDULE, false)
            .set(TrainingConfig.AUGMENT, false).set(TrainingConfig.SEED, 7L).build();
    public static final int FORGET = 1;

    private static DatasetSplits data;
    private static LoadedModel memoriser;
    private static LoadedModel neverSeen;

    private TinyMlp() {
    }

    public static synchronized DatasetSplits data() throws WfnetException {
        if (data == null) {
            DatasetSplits bundled = FashionMnist.loadBundled();
            data = new DatasetSplits(firstPerClass(bundled.train(), 60), firstPerClass(bundled.test(), 50));
        }
        return data;
    }

    /** Trained on all 600 images: it has seen, and memorised, class {@link #FORGET}. */
    public static synchronized LoadedModel memoriser() throws WfnetException {
        if (memoriser == null) {
            memoriser = train(data(), "memoriser");
        }
        return memoriser;
    }

    /** The same recipe without class {@link #FORGET}: a model that never saw it (Retrain by hand). */
    public static synchronized LoadedModel neverSeen() throws WfnetException {
        if (neverSeen == null) {
            DatasetSplits all = data();
            int[] kept = IntStream.range(0, all.train().size()).filter(i -> all.train().label(i) != FORGET).toArray();
            neverSeen = train(new DatasetSplits(all.train().subset("without class " + FORGET, kept), all.test()),
                    "never seen");
        }
        return neverSeen;
    }

    private static LoadedModel train(DatasetSplits splits, String name) throws WfnetException {
        BaseModelTrainer.Result result = BaseModelTrainer.train(ArchitectureCatalog.create(ArchitectureSpec.of("mlp"),
                        new ImageShape(1, 28, 28), 10), splits, Normalization.fashionMnist(), RECIPE, p -> { },
                CancellationToken.none());
        System.out.printf("fixture: tiny mlp (%s), %d images, test accuracy by epoch %s, %.1f s%n", name,
                splits.train().size(), result.testAccuracyByEpoch().subList(result.testAccuracyByEpoch().size() - 3,
                        result.testAccuracyByEpoch().size()), result.seconds());
        return LoadedModel.of(result.checkpoint(), Hashing.sha256(("tiny mlp " + name).getBytes(StandardCharsets.UTF_8)),
                name);
    }

    static ImageDataset firstPerClass(ImageDataset split, int perClass) {
        int[] taken = new int[split.classCount()];
        int[] indices = IntStream.range(0, split.size()).filter(i -> taken[split.label(i)]++ < perClass).toArray();
        return split.subset(split.name() + "[" + perClass + " per class]", indices);
    }
}
