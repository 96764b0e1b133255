package dev.wfnet.app.workspace;

import ai.djl.ndarray.NDManager;
import dev.wfnet.WfnetException;
import dev.wfnet.explain.AlphaView;
import dev.wfnet.model.LoadedModel;
import dev.wfnet.model.TorchRuntime;
import dev.wfnet.unlearn.AlphaBank;
import dev.wfnet.unlearn.BankCheckpoint;
import java.nio.file.Path;

/**
 * A bank opened for a model: the file's content and its alphas in native memory owned here.
 *
 * @param file where it was read from
 * @param checkpoint the file's content
 * @param view the alphas on the heap, as the analyses read them; made once here, in the background
 *             job that opens the bank, for every view that analyses it
 * @param alphas the alphas, ready to filter the model
 */
public record OpenBank(Path file, BankCheckpoint checkpoint, AlphaView view, AlphaBank alphas, NDManager manager)
        implements AutoCloseable {

    /** Reads a bank and refuses it unless it was trained on this very model. */
    public static OpenBank open(Path file, LoadedModel model) throws WfnetException {
        BankCheckpoint checkpoint = BankCheckpoint.read(file);
        return of(file, checkpoint, model);
    }

    /** Puts a bank already in memory (just trained, say) in native memory for a model. */
    public static OpenBank of(Path file, BankCheckpoint checkpoint, LoadedModel model) throws WfnetException {
        checkpoint.checkModel(model, file);
        checkpoint.checkArchitecture(model.architecture(), file);
        AlphaView view = AlphaView.of(checkpoint);
        NDManager manager = TorchRuntime.newManager();
        try {
            AlphaBank alphas = AlphaBank.load(checkpoint.layout(), checkpoint.alphas(), manager, file.toString());
            return new OpenBank(file, checkpoint, view, alphas, manager);
        } catch (WfnetException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
