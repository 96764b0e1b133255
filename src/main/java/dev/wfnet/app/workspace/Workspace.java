package dev.wfnet.app.workspace;

import dev.wfnet.data.DatasetSplits;
import dev.wfnet.model.LoadedModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything open at one moment, never changed in place: a view holds the workspace it shows and
 * compares it with the current one to know whether its figures are stale.
 *
 * @param modelFile where the model was read from
 * @param model the model in native memory
 * @param dataSpec the dataset spec string the data came from
 * @param data the model's dataset
 * @param originalPredictions the original model's predictions on {@code data.test()}
 * @param bank the bank, when one is open
 */
public record Workspace(Path modelFile, LoadedModel model, String dataSpec, DatasetSplits data,
                        int[] originalPredictions, Optional<OpenBank> bank) {

    public List<String> classNames() {
        return model.checkpoint().classNames();
    }

    public Workspace withBank(OpenBank newBank) {
        return new Workspace(modelFile, model, dataSpec, data, originalPredictions, Optional.ofNullable(newBank));
    }

    /** The bank, or a message saying one is needed. */
    public OpenBank requireBank() throws dev.wfnet.WfnetException {
        return bank.orElseThrow(() -> new dev.wfnet.WfnetException(
                "no bank is open: open a bank file or train one in the Untrain view"));
    }
}
