package dev.wfnet.model;

import ai.djl.ndarray.NDManager;
import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.io.Hashing;
import java.nio.file.Path;

/**
 * A checkpoint opened for use: its architecture built and its weights in native memory owned
 * here. Close it to free them.
 *
 * @param checkpoint the file's content
 * @param sha256 the SHA-256 of the file, which banks trained on this model name
 * @param architecture the built architecture
 * @param weights the original, frozen weights
 * @param manager owns the weights; closing the model closes it
 */
public record LoadedModel(ModelCheckpoint checkpoint, String sha256, Architecture architecture,
                          NetworkWeights weights, NDManager manager) implements AutoCloseable {

    public static LoadedModel open(Path file) throws WfnetException {
        ModelCheckpoint checkpoint = ModelCheckpoint.read(file);
        return of(checkpoint, Hashing.sha256(file), file.toString());
    }

    /** Puts an in-memory checkpoint's weights in native memory. */
    public static LoadedModel of(ModelCheckpoint checkpoint, String sha256, String source) throws WfnetException {
        Architecture architecture = checkpoint.buildArchitecture();
        NDManager manager = TorchRuntime.newManager();
        try {
            NetworkWeights weights = NetworkWeights.load(architecture, checkpoint.tensors(), manager, source);
            return new LoadedModel(checkpoint, sha256, architecture, weights, manager);
        } catch (WfnetException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The original model as a classifier. */
    public Classifier classifier() {
        return new Classifier(architecture, weights, checkpoint.normalization(), manager);
    }

    /** Refuses data the model cannot read, with both shapes and both class lists in the message. */
    public void checkCompatible(ImageDataset data) throws WfnetException {
        if (!data.shape().equals(architecture.inputShape())) {
            throw new WfnetException("model expects " + architecture.inputShape() + " inputs, dataset "
                    + data.name() + " has " + data.shape());
        }
        if (data.classCount() != checkpoint.classCount()) {
            throw new WfnetException("model has " + checkpoint.classCount() + " classes, dataset " + data.name()
                    + " has " + data.classCount());
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
