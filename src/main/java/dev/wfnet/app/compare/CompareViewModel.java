package dev.wfnet.app.compare;

import dev.wfnet.WfnetException;
import dev.wfnet.app.background.JobCallbacks;
import dev.wfnet.app.background.JobHandle;
import dev.wfnet.app.background.JobRunner;
import dev.wfnet.app.background.ErrorReporter;
import dev.wfnet.app.workspace.OpenBank;
import dev.wfnet.app.workspace.Workspace;
import dev.wfnet.app.workspace.WorkspaceViewModel;
import dev.wfnet.eval.compare.Comparison;
import dev.wfnet.eval.compare.ComparisonReport;
import dev.wfnet.eval.compare.ComparisonSettings;
import dev.wfnet.eval.compare.Method;
import dev.wfnet.eval.compare.RunKey;
import dev.wfnet.eval.compare.RunResult;
import dev.wfnet.eval.compare.WfnetBank;
import dev.wfnet.jobs.Progress;
import dev.wfnet.unlearn.baselines.BaselineSettings;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

/**
 * The chosen methods, classes and seeds, and a comparison run of them in the background, one job
 * per run on the training runner, so the table fills in as runs finish and Cancel stops at the next
 * step. Runs measured before (this session, or any earlier one through the result cache) appear at
 * once. While it runs, the workspace's model is marked in use so it cannot be replaced under it.
 */
public final class CompareViewModel {
    private final WorkspaceViewModel workspace;
    private final JobRunner runner;
    private final ErrorReporter errors;
    private final ObservableSet<Method> methods = FXCollections.observableSet(EnumSet.of(Method.WFNET,
            Method.RETRAIN, Method.FT, Method.GA, Method.RL, Method.SALUN, Method.SSD));
    private final ObservableSet<Integer> classes = FXCollections.observableSet(new TreeSet<>());
    private final IntegerProperty seeds = new SimpleIntegerProperty(this, "seeds", 1);
    private final ReadOnlyObjectWrapper<ComparisonReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final Map<RunKey, RunResult> results = new LinkedHashMap<>();
    private final Deque<RunKey> queue = new ArrayDeque<>();
    private final StringProperty settingsText = new SimpleStringProperty(this, "settingsText", "");
    private final ReadOnlyStringWrapper settingsProblem = new ReadOnlyStringWrapper(this, "settingsProblem", "");
    private BaselineSettings baselines = BaselineSettings.defaults();
    private Path cacheDirectory = Comparison.defaultCacheDirectory();
    private Comparison comparison;
    private Workspace comparedOn;
    private ComparisonSettings current;
    private JobHandle handle;
    private int total;

    public CompareViewModel(WorkspaceViewModel workspace, JobRunner runner, ErrorReporter errors) {
        this.workspace = workspace;
        this.runner = runner;
        this.errors = errors;
        workspace.workspaceProperty().addListener((property, before, now) -> workspaceChanged(now));
        settingsText.addListener((property, before, now) -> applySettingsText(now));
        workspaceChanged(workspace.current());
    }

    /** The methods to compare; WF-Net only counts while a bank is open. */
    public ObservableSet<Method> methods() {
        return methods;
    }

    /** The classes to forget, one at a time. */
    public ObservableSet<Integer> classes() {
        return classes;
    }

    /** Seeds 0 to N-1. */
    public IntegerProperty seedsProperty() {
        return seeds;
    }

    /** The runs finished so far for the current choice, null before any. */
    public ReadOnlyObjectProperty<ComparisonReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Share of the runs done, the running one's steps included. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** "run 3 of 12: FT, Sandal, seed 0 · ft step 20 of 43" */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public BaselineSettings baselines() {
        return baselines;
    }

    /**
     * Baseline settings as {@code wfnet compare --set} takes them, "retrain.epochs=10 ft.lr=0.02",
     * over the reference defaults; a text that is not valid keeps the settings and names its problem.
     */
    public StringProperty settingsTextProperty() {
        return settingsText;
    }

    /** What is wrong with the settings text, empty when nothing is (Run waits until then). */
    public ReadOnlyStringProperty settingsProblemProperty() {
        return settingsProblem.getReadOnlyProperty();
    }

    private void applySettingsText(String text) {
        try {
            setBaselines(BaselineSettings.defaults().withAll(text));
            settingsProblem.set("");
        } catch (IllegalArgumentException e) {
            settingsProblem.set(e.getMessage());
        }
    }

    /** Other baseline settings (a quicker run, say); runs measured with the old ones are not reused. */
    public void setBaselines(BaselineSettings settings) {
        if (!settings.equals(baselines)) {
            baselines = settings;
            results.clear();
        }
    }

    public Path cacheDirectory() {
        return cacheDirectory;
    }

    /** Where retrained models and finished runs are kept (null: nowhere). */
    public void setCacheDirectory(Path directory) {
        cacheDirectory = directory;
        comparison = null;
    }

    /** The settings the current choice stands for. */
    public ComparisonSettings settings() throws WfnetException {
        Workspace now = workspace.current();
        List<Method> chosen = new ArrayList<>();
        for (Method method : Method.values()) {
            if (methods.contains(method) && (method != Method.WFNET || now != null && now.bank().isPresent())) {
                chosen.add(method);
            }
        }
        try {
            return new ComparisonSettings(chosen, classes.stream().mapToInt(Integer::intValue).toArray(),
                    ComparisonSettings.firstSeeds(seeds.get()), baselines, 0);
        } catch (IllegalArgumentException e) {
            throw new WfnetException("choose at least one method and one class to compare (" + e.getMessage() + ")");
        }
    }

    /** Shows what is known at once, then runs what is missing, one job per run. */
    public void run() {
        Workspace now = workspace.current();
        if (running.get() || now == null || !settingsProblem.get().isEmpty()) {
            return;
        }
        ComparisonSettings settings;
        try {
            settings = settings();
        } catch (WfnetException e) {
            errors.report("Comparing", e);
            return;
        }
        current = settings;
        running.set(true);
        workspace.acquireModel();
        status.set("Looking for runs measured before...");
        progress.set(-1);
        Set<RunKey> known = Set.copyOf(results.keySet());
        Comparison kept = comparedOn == now ? comparison : null;
        Path cache = cacheDirectory;
        runner.start("Preparing the comparison", (listener, cancel) -> {
            Comparison prepared = kept != null ? kept : newComparison(now, cache);
            prepared.check(settings);
            Map<RunKey, RunResult> found = new LinkedHashMap<>();
            for (RunKey key : settings.runs()) {
                if (!known.contains(key)) {
                    prepared.cached(key, settings).ifPresent(result -> found.put(key, result));
                }
            }
            return new Prepared(prepared, found);
        }, JobCallbacks.<Prepared>of(prepared -> {
            comparison = prepared.comparison();
            comparedOn = now;
            results.putAll(prepared.found());
            queue.clear();
            settings.runs().stream().filter(key -> !results.containsKey(key)).forEach(queue::add);
            total = queue.size();
            publish();
            runNext();
        }, failure -> finish("", failure)).withCancelled(() -> finish("Cancelled.", null)));
    }

    /** What preparing found: the comparison of the workspace and the runs cached on disk. */
    private record Prepared(Comparison comparison, Map<RunKey, RunResult> found) {
    }

    /** Stops the running job at its next step and drops the runs still waiting. */
    public void cancel() {
        queue.clear();
        if (handle != null) {
            handle.cancel();
        }
    }

    private void runNext() {
        if (queue.isEmpty()) {
            finish(total == 0 ? "Every run was measured before." : "Done: " + total + " run(s) measured.", null);
            return;
        }
        RunKey key = queue.poll();
        int index = total - queue.size();
        String title = String.format(Locale.ROOT, "run %d of %d: %s, %s, seed %d", index, total, key.method().label(),
                comparedOn.classNames().get(key.forgetClass()), key.seed());
        status.set(title);
        Comparison running = comparison;
        ComparisonSettings settings = current;
        handle = runner.start("Comparing: " + title, (listener, cancel) -> running.run(key, settings, listener, cancel),
                JobCallbacks.<RunResult>of(result -> {
                    results.put(key, result);
                    publish();
                    runNext();
                }, failure -> finish("", failure)).withCancelled(() -> finish("Cancelled.", null))
                        .withProgress(batch -> showStep(title, index, batch.get(batch.size() - 1))));
    }

    /** The run's latest step; a batch of coalesced records is shown by its last. */
    private void showStep(String title, int index, Progress step) {
        double inner = step.totalSteps() > 0 ? step.fraction() : 0;
        progress.set(total == 0 ? 1 : (index - 1 + inner) / total);
        status.set(String.format(Locale.ROOT, "%s · %s %d of %d", title, step.phase(), step.step(),
                step.totalSteps()));
    }

    private void finish(String message, Throwable failure) {
        running.set(false);
        workspace.releaseModel();
        queue.clear();
        handle = null;
        progress.set(0);
        status.set(failure == null ? message : "Stopped: " + dev.wfnet.app.common.Dialogs.message(failure));
        if (failure != null) {
            errors.report("Comparing", failure);
        }
    }

    private void publish() {
        if (comparison == null || current == null) {
            return;
        }
        List<RunResult> shown = current.runs().stream().filter(results::containsKey).map(results::get).toList();
        report.set(shown.isEmpty() ? null : comparison.report(current, shown));
    }

    /** The comparison of a workspace; made in the background (it hashes the data) and kept while the workspace stays. */
    private static Comparison newComparison(Workspace now, Path cache) throws WfnetException {
        WfnetBank bank = null;
        if (now.bank().isPresent()) {
            OpenBank open = now.bank().get();
            bank = WfnetBank.of(open.file(), open.checkpoint(), open.alphas());
        }
        return new Comparison(now.model(), bank, now.data(), cache);
    }

    private void workspaceChanged(Workspace now) {
        // identity, not equality: an open bank's equality would compare millions of alphas
        if (comparedOn != null && (now == null || now.model() != comparedOn.model() || now.data() != comparedOn.data()
                || now.bank().orElse(null) != comparedOn.bank().orElse(null))) {
            results.clear();
            comparison = null;
            comparedOn = null;
            report.set(null);
        }
        if (now != null) {
            int count = now.model().architecture().classCount();
            classes.removeIf(c -> c >= count);
        }
    }
}
