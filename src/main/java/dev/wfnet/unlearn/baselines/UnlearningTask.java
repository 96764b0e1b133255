package dev.wfnet.unlearn.baselines;

import dev.wfnet.data.DatasetSplits;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.Normalization;
import dev.wfnet.model.Architecture;
import dev.wfnet.model.LoadedModel;
import dev.wfnet.model.ModelCheckpoint;
import dev.wfnet.model.NetworkWeights;
import java.util.stream.IntStream;

/**
 * One class to forget from one model: the original weights (never changed: every method works on
 * a copy), the data they were trained on, and the class.
 *
 * @param model the original model
 * @param data the training split the methods learn from and the test split
 * @param forgetClass the class to forget
 */
public record UnlearningTask(LoadedModel model, DatasetSplits data, int forgetClass) {

    public UnlearningTask {
        if (forgetClass < 0 || forgetClass >= model.architecture().classCount()) {
            throw new IllegalArgumentException("class " + forgetClass + " is not one of the model's "
                    + model.architecture().classCount() + " classes");
        }
    }

    public Architecture architecture() {
        return model.architecture();
    }

    public NetworkWeights original() {
        return model.weights();
    }

    public Normalization normalization() {
        return model.checkpoint().normalization();
    }

    public ModelCheckpoint checkpoint() {
        return model.checkpoint();
    }

    public ImageDataset train() {
        return data.train();
    }

    /** Indices of the training images of the class to forget: the forget set. */
    public int[] forgetIndices() {
        return IntStream.range(0, train().size()).filter(i -> train().label(i) == forgetClass).toArray();
    }

    /** Indices of every other training image: the retain set. */
    public int[] retainIndices() {
        return IntStream.range(0, train().size()).filter(i -> train().label(i) != forgetClass).toArray();
    }

    /** Every training image. */
    public int[] allIndices() {
        return IntStream.range(0, train().size()).toArray();
    }

    /** A split's images of every class but the forgotten one. */
    public ImageDataset withoutForgetClass(ImageDataset split) {
        int[] kept = IntStream.range(0, split.size()).filter(i -> split.label(i) != forgetClass).toArray();
        return split.subset(split.name() + " without class " + forgetClass, kept);
    }

    public String className() {
        return checkpoint().classNames().get(forgetClass);
    }
}
