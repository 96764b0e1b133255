package dev.wfnet.unlearn;

import dev.wfnet.WfnetException;
import dev.wfnet.data.DatasetSplits;
import dev.wfnet.data.FashionMnist;
import dev.wfnet.data.ImageShape;
import dev.wfnet.data.Normalization;
import dev.wfnet.io.Hashing;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.model.BaseModelTrainer;
import dev.wfnet.model.LoadedModel;
import dev.wfnet.model.SmallCnn;
import dev.wfnet.model.TrainingConfig;
import java.nio.charset.StandardCharsets;

/**
 * One small-cnn trained on the 6000 bundled Fashion-MNIST images, shared by every test class that
 * needs a real base model (they run in one JVM), so the 2-epoch training is paid once. Never closed:
 * its native weights live until the test JVM exits.
 */
public final class FashionBaseModel {
    /** Adam 1e-3, batch 128, 2 epochs, seed 42: the reference recipe, shortened. */
    public static final TrainingConfig RECIPE = TrainingConfig.builder().set(TrainingConfig.EPOCHS, 2)
            .set(TrainingConfig.SEED, 42L).build();

    /** The model, the data it was trained on, its test accuracy and what training cost. */
    public record Trained(LoadedModel model, DatasetSplits data, double testAccuracy, double seconds) {
    }

    private static Trained trained;

    private FashionBaseModel() {
    }

    public static synchronized Trained get() throws WfnetException {
        if (trained == null) {
            DatasetSplits data = FashionMnist.loadBundled();
            BaseModelTrainer.Result result = BaseModelTrainer.train(new SmallCnn(new ImageShape(1, 28, 28), 10), data,
                    Normalization.fashionMnist(), RECIPE, p -> { }, CancellationToken.none());
            String sha = Hashing.sha256("small-cnn fixture, 2 epochs, seed 42".getBytes(StandardCharsets.UTF_8));
            double accuracy = result.testAccuracyByEpoch().get(result.testAccuracyByEpoch().size() - 1);
            System.out.printf("fixture: small-cnn, %d epochs on %d bundled images: test accuracy %s in %.1f s%n",
                    RECIPE.epochs(), data.train().size(), result.testAccuracyByEpoch(), result.seconds());
            trained = new Trained(LoadedModel.of(result.checkpoint(), sha, "trained in memory"), data, accuracy,
                    result.seconds());
        }
        return trained;
    }
}
