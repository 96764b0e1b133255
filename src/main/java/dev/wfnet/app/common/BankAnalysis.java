package dev.wfnet.app.common;

import dev.wfnet.app.background.ErrorReporter;
import dev.wfnet.app.background.JobCallbacks;
import dev.wfnet.app.background.JobRunner;
import dev.wfnet.app.workspace.OpenBank;
import dev.wfnet.app.workspace.Workspace;
import dev.wfnet.app.workspace.WorkspaceViewModel;
import dev.wfnet.explain.AlphaView;
import java.util.Optional;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * An analysis of the open bank's alphas at a threshold, kept current for a view model: recomputed
 * on the interactive runner whenever the bank or the threshold changes, so a big bank never
 * blocks the FX thread. Results that arrive after a newer request are dropped, so a slider moved
 * quickly ends on the numbers of its last position.
 *
 * @param <T> what the analysis yields (statistics, a whole report)
 */
public final class BankAnalysis<T> {
    /** The computation, run off the FX thread; it only reads the heap copy of the alphas ({@link OpenBank#view()}). */
    @FunctionalInterface
    public interface Computation<T> {
        T compute(AlphaView view, double threshold) throws Exception;
    }

    public static final double DEFAULT_THRESHOLD = 0.5;

    private final JobRunner runner;
    private final ErrorReporter errors;
    private final String title;
    private final Computation<T> computation;
    private final DoubleProperty threshold = new SimpleDoubleProperty(this, "threshold", DEFAULT_THRESHOLD);
    private final ReadOnlyObjectWrapper<T> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyObjectWrapper<AlphaView> view = new ReadOnlyObjectWrapper<>(this, "view");
    private final ReadOnlyBooleanWrapper bankOpen = new ReadOnlyBooleanWrapper(this, "bankOpen");
    private OpenBank shownBank;
    private long requests;

    public BankAnalysis(WorkspaceViewModel workspace, JobRunner runner, ErrorReporter errors, String title,
                        Computation<T> computation) {
        this.runner = runner;
        this.errors = errors;
        this.title = title;
        this.computation = computation;
        workspace.workspaceProperty().addListener((property, before, now) -> bankChanged(now));
        threshold.addListener((property, before, now) -> recompute());
        bankChanged(workspace.current());
    }

    /** An alpha (or a filter's mean alpha) strictly below it counts as switched off; in (0, 1]. */
    public DoubleProperty thresholdProperty() {
        return threshold;
    }

    /** The latest result, null while there is no bank (or before the first result). */
    public ReadOnlyObjectProperty<T> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The alphas being analysed, null without a bank. */
    public ReadOnlyObjectProperty<AlphaView> viewProperty() {
        return view.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty bankOpenProperty() {
        return bankOpen.getReadOnlyProperty();
    }

    /** The open bank, for what the alpha view does not carry (parameter shapes). */
    public Optional<OpenBank> bank() {
        return Optional.ofNullable(shownBank);
    }

    private void bankChanged(Workspace now) {
        OpenBank bank = now == null ? null : now.bank().orElse(null);
        // a new dataset gives a new workspace with the same bank: nothing to recompute then
        if (bank == shownBank) {
            return;
        }
        shownBank = bank;
        bankOpen.set(bank != null);
        if (bank == null) {
            requests++;
            view.set(null);
            result.set(null);
            return;
        }
        view.set(bank.view());
        recompute();
    }

    private void recompute() {
        AlphaView alphas = view.get();
        if (alphas == null) {
            return;
        }
        long request = ++requests;
        double at = threshold.get();
        runner.start(title, (progress, cancel) -> computation.compute(alphas, at), JobCallbacks.<T>of(done -> {
            if (request == requests) {
                result.set(done);
            }
        }, failure -> errors.report(title, failure)));
    }
}
