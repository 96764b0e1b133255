package dev.wfnet.eval.compare;

import ai.djl.ndarray.NDManager;
import dev.wfnet.WfnetException;
import dev.wfnet.io.Hashing;
import dev.wfnet.model.LoadedModel;
import dev.wfnet.unlearn.AlphaBank;
import dev.wfnet.unlearn.BankCheckpoint;
import java.nio.file.Path;

/**
 * The WF-Net bank a comparison holds against the baselines.
 *
 * @param name the file name, for reports
 * @param sha256 the SHA-256 of the bank file, which keys cached runs
 * @param checkpoint the bank's content: classes, settings, provenance
 * @param alphas its alphas in native memory (owned by the caller)
 */
public record WfnetBank(String name, String sha256, BankCheckpoint checkpoint, AlphaBank alphas) {

    /** Reads a bank file for a model (refused if trained on another) and puts its alphas in {@code manager}. */
    public static WfnetBank open(LoadedModel model, Path file, NDManager manager) throws WfnetException {
        BankCheckpoint checkpoint = BankCheckpoint.read(file);
        checkpoint.checkModel(model, file);
        checkpoint.checkArchitecture(model.architecture(), file);
        return of(file, checkpoint, AlphaBank.load(checkpoint.layout(), checkpoint.alphas(), manager, file.toString()));
    }

    /** A bank already open (the window's), named and hashed by its file. */
    public static WfnetBank of(Path file, BankCheckpoint checkpoint, AlphaBank alphas) throws WfnetException {
        return new WfnetBank(file.getFileName().toString(), Hashing.sha256(file), checkpoint, alphas);
    }

    /** What the untraining round cost, once for every class of the bank: its provenance's duration. */
    public double trainingSeconds() {
        return checkpoint.provenance().durationSeconds();
    }

    public int[] classes() {
        return checkpoint.layout().classes();
    }
}
