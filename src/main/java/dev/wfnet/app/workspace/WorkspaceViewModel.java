package dev.wfnet.app.workspace;

import dev.wfnet.WfnetException;
import dev.wfnet.app.background.ErrorReporter;
import dev.wfnet.app.background.JobCallbacks;
import dev.wfnet.app.background.JobRunner;
import dev.wfnet.data.DatasetCatalog;
import dev.wfnet.data.DatasetSplits;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.model.LoadedModel;
import dev.wfnet.unlearn.BankCheckpoint;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Opens, replaces and closes what the views share. Every open runs in the background; when it
 * fails the current workspace stays as it was and the error goes to the reporter. Native memory
 * of a replaced model or bank is freed by a job queued after the replacement, so jobs that views
 * queued earlier on the same runner finish with it first.
 */
public final class WorkspaceViewModel {
    private final JobRunner runner;
    private final ErrorReporter errors;
    private final ReadOnlyObjectWrapper<Workspace> workspace = new ReadOnlyObjectWrapper<>(this, "workspace");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper modelInUse = new ReadOnlyBooleanWrapper(this, "modelInUse");
    /** How many long jobs use the model now (FX thread only). */
    private int modelUsers;

    public WorkspaceViewModel(JobRunner runner, ErrorReporter errors) {
        this.runner = runner;
        this.errors = errors;
    }

    /** What is open now, or null before the first model. */
    public ReadOnlyObjectProperty<Workspace> workspaceProperty() {
        return workspace.getReadOnlyProperty();
    }

    public Workspace current() {
        return workspace.get();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** True while a long job (untraining, a comparison) uses the model: it cannot be replaced then. */
    public ReadOnlyBooleanProperty modelInUseProperty() {
        return modelInUse.getReadOnlyProperty();
    }

    /** A long job starts using the model; every call is matched by one {@link #releaseModel()}. FX thread. */
    public void acquireModel() {
        modelUsers++;
        modelInUse.set(true);
    }

    /** A long job is done with the model; it is free when every job that acquired it has released it. */
    public void releaseModel() {
        modelUsers = Math.max(0, modelUsers - 1);
        modelInUse.set(modelUsers > 0);
    }

    /** Opens a model with a dataset and, optionally, a bank, all or nothing. */
    public void open(Path modelFile, String dataSpec, Optional<Path> bankFile) {
        if (refuseWhileInUse("Opening " + modelFile.getFileName())) {
            return;
        }
        submit("Opening " + modelFile.getFileName(), cancel -> {
            LoadedModel model = LoadedModel.open(modelFile);
            try {
                Workspace opened = load(modelFile, model, dataSpec, cancel);
                if (bankFile.isPresent()) {
                    opened = opened.withBank(OpenBank.open(bankFile.get(), model));
                }
                return opened;
            } catch (Exception e) {
                model.close();
                throw e;
            }
        });
    }

    /** Replaces the model, keeping the dataset spec; the bank goes (it belongs to the old model). */
    public void openModel(Path modelFile) {
        open(modelFile, currentDataSpec(), Optional.empty());
    }

    /** Loads another dataset for the open model. */
    public void openData(String dataSpec) {
        Workspace now = requireOpen("Choosing the dataset");
        if (now == null) {
            return;
        }
        submit("Loading " + dataSpec, cancel -> load(now.modelFile(), now.model(), dataSpec, cancel)
                .withBank(now.bank().orElse(null)));
    }

    /** Opens a bank file for the open model; refused if it was trained on another. */
    public void openBank(Path bankFile) {
        Workspace now = requireOpen("Opening the bank");
        if (now == null) {
            return;
        }
        submit("Opening " + bankFile.getFileName(), cancel -> now.withBank(OpenBank.open(bankFile, now.model())));
    }

    /** Takes a bank that a job just trained and wrote to a file. */
    public void adoptBank(Path bankFile, BankCheckpoint checkpoint) {
        Workspace now = requireOpen("Opening the trained bank");
        if (now == null) {
            return;
        }
        submit("Opening the trained bank", cancel -> now.withBank(OpenBank.of(bankFile, checkpoint, now.model())));
    }

    /** Frees everything; the view model is unusable afterwards. */
    public void close() {
        Workspace last = workspace.get();
        workspace.set(null);
        if (last != null) {
            retire(last, null);
        }
    }

    private Workspace load(Path modelFile, LoadedModel model, String dataSpec, CancellationToken cancel)
            throws WfnetException {
        DatasetSplits data = DatasetCatalog.load(dataSpec, model.architecture().inputShape());
        model.checkCompatible(data.test());
        int[] original = model.classifier().predict(data.test(), cancel);
        return new Workspace(modelFile, model, dataSpec, data, original, Optional.empty());
    }

    private interface Opening {
        Workspace open(CancellationToken cancel) throws Exception;
    }

    private void submit(String title, Opening opening) {
        loading.set(true);
        runner.start(title, (progress, cancel) -> opening.open(cancel), JobCallbacks.<Workspace>of(opened -> {
            Workspace before = workspace.get();
            workspace.set(opened);
            loading.set(false);
            if (before != null) {
                retire(before, opened);
            }
        }, failure -> {
            loading.set(false);
            errors.report(title, failure);
        }));
    }

    /** Closes what {@code before} owned and {@code after} no longer uses. */
    private void retire(Workspace before, Workspace after) {
        boolean modelGone = after == null || after.model() != before.model();
        Optional<OpenBank> bankGone = before.bank().filter(bank -> after == null
                || after.bank().map(kept -> kept != bank).orElse(true));
        if (!modelGone && bankGone.isEmpty()) {
            return;
        }
        runner.start("Freeing native memory", (progress, cancel) -> {
            bankGone.ifPresent(OpenBank::close);
            if (modelGone) {
                before.model().close();
            }
            return null;
        }, JobCallbacks.of(done -> { }, failure -> errors.report("Freeing native memory", failure)));
    }

    private boolean refuseWhileInUse(String what) {
        if (modelInUse.get()) {
            errors.report(what, new WfnetException(
                    "an untraining run or a comparison uses the open model; cancel it before opening another model"));
            return true;
        }
        return false;
    }

    private Workspace requireOpen(String what) {
        Workspace now = workspace.get();
        if (now == null) {
            errors.report(what, new WfnetException("open a model first"));
        }
        return now;
    }

    private String currentDataSpec() {
        Workspace now = workspace.get();
        return now == null ? "fashion-mnist-bundled" : now.dataSpec();
    }
}
