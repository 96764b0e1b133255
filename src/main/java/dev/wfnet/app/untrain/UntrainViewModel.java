package dev.wfnet.app.untrain;

import dev.wfnet.app.background.ErrorReporter;
import dev.wfnet.app.background.JobCallbacks;
import dev.wfnet.app.background.JobHandle;
import dev.wfnet.app.background.JobRunner;
import dev.wfnet.app.common.Dialogs;
import dev.wfnet.app.workspace.Workspace;
import dev.wfnet.app.workspace.WorkspaceViewModel;
import dev.wfnet.jobs.Progress;
import dev.wfnet.unlearn.RoundReport;
import dev.wfnet.unlearn.UntrainingJob;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Start, Cancel and Resume of an untraining run on the training runner, and what the view shows
 * of it: progress, time left, throughput, the curves, the outcome. While a run is going the
 * workspace's model is marked in use so it cannot be replaced under the run; a finished bank is
 * adopted into the workspace so every other view shows it.
 */
public final class UntrainViewModel {
    private final WorkspaceViewModel workspace;
    private final JobRunner training;
    private final ErrorReporter errors;
    private final UntrainForm form = new UntrainForm();
    private final ReadOnlyObjectWrapper<TrainingCurves> curves = new ReadOnlyObjectWrapper<>(this, "curves",
            new TrainingCurves(List.of()));
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper resumable = new ReadOnlyBooleanWrapper(this, "resumable");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    /** The open model's class names, for the check and outcome texts. */
    private List<String> classNames = List.of();
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper snapshotText = new ReadOnlyStringWrapper(this, "snapshotText", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final BooleanBinding canStart;
    private UntrainRun current;
    private UntrainRun lastCancelled;
    private JobHandle handle;

    public UntrainViewModel(WorkspaceViewModel workspace, JobRunner training, ErrorReporter errors) {
        this.workspace = workspace;
        this.training = training;
        this.errors = errors;
        canStart = Bindings.createBooleanBinding(() -> form.validProperty().get() && !running.get()
                        && workspace.current() != null && !workspace.loadingProperty().get(),
                form.validProperty(), running, workspace.workspaceProperty(), workspace.loadingProperty());
        workspace.workspaceProperty().addListener((property, before, now) -> {
            // a bank adopted or another dataset keeps the model: the form and curves stay
            if (now == null || before == null || now.model() != before.model()) {
                showModel(now);
            }
        });
        showModel(workspace.current());
    }

    public UntrainForm form() {
        return form;
    }

    /** The curves of the model's runs; replaced when another model opens (other class names). */
    public ReadOnlyObjectProperty<TrainingCurves> curvesProperty() {
        return curves.getReadOnlyProperty();
    }

    public TrainingCurves curves() {
        return curves.get();
    }

    public BooleanBinding canStartProperty() {
        return canStart;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Whether the last run was cancelled with a checkpoint kept, so Resume can continue it. */
    public ReadOnlyBooleanProperty resumableProperty() {
        return resumable.getReadOnlyProperty();
    }

    /** Fraction of the steps done, or -1 while the run prepares (indeterminate). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** "step 12 of 40 · 3.1 steps/s · 50 samples/s · about 9 s left" */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** The latest snapshot's means. */
    public ReadOnlyStringProperty snapshotTextProperty() {
        return snapshotText.getReadOnlyProperty();
    }

    /** What happened last: the bank's size, where a bank went, how to resume, why a run failed. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Starts a fresh run with the form's settings. */
    public void start() {
        if (canStart.get()) {
            launch(UntrainRun.fresh(workspace.current(), form.toConfig(), form.outputFile()), true);
        }
    }

    /** Continues the last cancelled run from the checkpoint it kept, keeping its curves. */
    public void resumeLast() {
        if (lastCancelled != null && !running.get()) {
            launch(lastCancelled.resumed(), false);
        }
    }

    /** Continues a checkpoint file (of this model) with the settings it was made with. */
    public void resumeFrom(Path checkpoint) {
        if (!running.get() && workspace.current() != null) {
            launch(UntrainRun.resuming(workspace.current(), checkpoint, form.outputFile()), true);
        }
    }

    /** Asks the run to stop at its next step; the checkpoint written last is kept. */
    public void cancel() {
        if (current != null && running.get()) {
            current.cancel();
            if (handle != null) {
                handle.cancel();
            }
            message.set("Cancelling at the next step...");
        }
    }

    private void showModel(Workspace now) {
        if (running.get()) {
            return;
        }
        form.showModel(now);
        classNames = now == null ? List.of() : now.classNames();
        curves.set(new TrainingCurves(classNames));
        lastCancelled = null;
        resumable.set(false);
    }

    private void launch(UntrainRun run, boolean newCurves) {
        if (newCurves) {
            curves.get().clear();
        }
        current = run;
        lastCancelled = null;
        resumable.set(false);
        running.set(true);
        workspace.acquireModel();
        progress.set(-1);
        progressText.set(run.isResume() ? "Reading " + run.checkpointFile().getFileName() + "..." : "Preparing...");
        snapshotText.set("");
        message.set("");
        handle = training.start("Untraining", (listener, cancel) -> run.execute(listener),
                new JobCallbacks<UntrainRun.Finished>(batch -> onProgress(run, batch), this::finished,
                        this::failed, this::cancelled));
    }

    /** A batch of records: the curves take every point and redraw once; the texts show the latest. */
    private void onProgress(UntrainRun run, List<Progress> batch) {
        if (run != current) {
            return;
        }
        batch.forEach(run::record);
        curves.get().addAll(batch);
        batch.forEach(record -> show(run, record));
    }

    private void show(UntrainRun run, Progress record) {
        if (UntrainRun.PREPARE.equals(record.phase())) {
            message.set(String.format(Locale.ROOT, "%s%.0f classes, %,.0f alphas, about %,.0f MB of memory",
                    run.isResume() ? "Resuming from step " + record.step() + ": " : "", record.metrics().get("rows"),
                    record.metrics().get("alphas"), record.metrics().get("memory_bytes") / 1048576));
        } else if (UntrainingJob.STEP.equals(record.phase())) {
            progress.set(record.fraction());
            progressText.set(stepText(record));
        } else if (UntrainingJob.SNAPSHOT.equals(record.phase())) {
            snapshotText.set(RoundReport.check(record, classNames));
        }
    }

    static String stepText(Progress step) {
        double stepsPerSecond = step.metrics().getOrDefault("steps_per_second", Double.NaN);
        String text = String.format(Locale.ROOT, "step %d of %d · %.1f steps/s · %,.0f samples/s", step.step(),
                step.totalSteps(), stepsPerSecond, step.itemsPerSecond());
        return Double.isFinite(step.secondsLeft()) ? text + " · " + timeLeft(step.secondsLeft()) : text;
    }

    static String timeLeft(double seconds) {
        long rounded = Math.round(seconds);
        if (rounded < 60) {
            return "about " + rounded + " s left";
        }
        return rounded < 3600 ? String.format(Locale.ROOT, "about %d min %02d s left", rounded / 60, rounded % 60)
                : String.format(Locale.ROOT, "about %d h %02d min left", rounded / 3600, rounded % 3600 / 60);
    }

    private void finished(UntrainRun.Finished done) {
        end();
        progress.set(1);
        UntrainingJob.Result result = done.result();
        // a resumed run's times cover only the steps it ran itself
        String steps = current.startStep() == 0 ? done.bank().step() + " steps"
                : done.bank().step() + " steps (" + (current.startStep() + 1) + "-" + done.bank().step() + " in this run)";
        message.set(String.format(Locale.ROOT, "Done: %s, %.1f s of training (%.0f ms per step). The bank "
                        + "is in %s and is now the open bank; the resumable checkpoint is in %s.%n%s", steps,
                result.trainingSeconds(), result.msPerStep(), done.bankFile(), current.checkpointFile(),
                RoundReport.outcome(result, done.bank().config(), done.bank().classNames())));
        workspace.adoptBank(done.bankFile(), done.bank());
    }

    private void cancelled() {
        end();
        UntrainRun run = current;
        long kept = run.checkpointStepAfterCancel();
        String where = "Cancelled after step " + run.lastStep() + ". ";
        if (kept > 0) {
            lastCancelled = run;
            resumable.set(true);
            message.set(where + "The checkpoint of step " + kept + " is kept in " + run.checkpointFile()
                    + ": press Resume to continue from it, or later choose that file with Resume from file.");
        } else {
            message.set(where + "No checkpoint was written yet (one is written every "
                    + (run.config() == null ? "?" : run.config().checkpointEvery())
                    + " steps): there is nothing to resume; Start runs again from the beginning.");
        }
    }

    private void failed(Throwable cause) {
        end();
        message.set("Failed: " + Dialogs.message(cause));
        errors.report("Untraining", cause);
    }

    private void end() {
        running.set(false);
        workspace.releaseModel();
        if (progress.get() < 0) {
            progress.set(0);
        }
    }
}
