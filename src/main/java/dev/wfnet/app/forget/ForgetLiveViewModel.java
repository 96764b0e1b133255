package dev.wfnet.app.forget;

import dev.wfnet.WfnetException;
import dev.wfnet.app.background.ErrorReporter;
import dev.wfnet.app.background.JobCallbacks;
import dev.wfnet.app.background.JobHandle;
import dev.wfnet.app.background.JobRunner;
import dev.wfnet.app.workspace.OpenBank;
import dev.wfnet.app.workspace.Workspace;
import dev.wfnet.app.workspace.WorkspaceViewModel;
import dev.wfnet.data.ImageConversion;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.ImageShape;
import dev.wfnet.eval.ConfusionMatrix;
import dev.wfnet.eval.ForgettingEvaluator;
import dev.wfnet.eval.ForgettingReport;
import dev.wfnet.explain.AlphaSaliency;
import dev.wfnet.model.Classifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.IntStream;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the filtered model's outcome in step with the checked classes. A toggle is answered in two
 * steps: first an estimate from a fixed, stratified sample of the test split ({@link SplitSample}),
 * then, in the background, the whole split (the sample's predictions and the rest's). A newer toggle
 * cancels a refinement at its next batch; toggles that arrive while an estimate runs are folded
 * into a single next one, so fast clicking never queues stale work, and an outcome is shown only
 * while its class set is still the one checked. Splits too small to gain from a sample are
 * evaluated whole at once. Predictions are cached per class set for the open workspace
 * ({@link PredictionCache}), and, when prefetching is on, single classes and pairs are evaluated in
 * the background while the user looks, so the toggles people make most answer from the cache. A
 * user's toggle cancels a running prefetch at its next batch.
 */
public final class ForgetLiveViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(ForgetLiveViewModel.class);
    /** Test images shown in the grid, per class. */
    static final int GRID_PER_CLASS = 3;

    private final WorkspaceViewModel workspace;
    private final JobRunner runner;
    private final ErrorReporter errors;
    private final boolean prefetch;
    private final PredictionCache cache = new PredictionCache();
    private JobHandle prefetching;
    private final ObservableSet<Integer> forgotten = FXCollections.observableSet(new TreeSet<>());
    private final ReadOnlyObjectWrapper<ForgetOutcome> outcome = new ReadOnlyObjectWrapper<>(this, "outcome");
    private final ReadOnlyObjectWrapper<DroppedImage> dropped = new ReadOnlyObjectWrapper<>(this, "dropped");
    private Optional<SplitSample> sample = Optional.empty();
    /** An estimate, or the evaluation of a split too small for one, runs; toggles meanwhile wait. */
    private boolean evaluating;
    private boolean stale;
    /** The refinement of the outcome shown; a newer toggle cancels it. */
    private JobHandle refining;
    private long requestedAt;

    /**
     * @param prefetch whether to evaluate singles and pairs in the background (the window does; tests
     *                 of one toggle need not wait for 55 evaluations)
     */
    public ForgetLiveViewModel(WorkspaceViewModel workspace, JobRunner runner, ErrorReporter errors,
                               boolean prefetch) {
        this.workspace = workspace;
        this.runner = runner;
        this.errors = errors;
        this.prefetch = prefetch;
        workspace.workspaceProperty().addListener((property, before, now) -> workspaceChanged(now));
        // Speculative work waits while an untraining run uses the engine: on two cores they would
        // slow each other down several times over (see the README's performance notes).
        workspace.modelInUseProperty().addListener((property, was, inUse) -> {
            if (!inUse) {
                prefetchNext();
            }
        });
        workspaceChanged(workspace.current());
    }

    /** The classes checked to be forgotten (sorted). Change them with {@link #setForgotten}. */
    public ObservableSet<Integer> forgotten() {
        return FXCollections.unmodifiableObservableSet(forgotten);
    }

    public ReadOnlyObjectProperty<ForgetOutcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DroppedImage> droppedProperty() {
        return dropped.getReadOnlyProperty();
    }

    /** The classes the open bank can forget, empty without a bank. */
    public int[] forgettableClasses() {
        Workspace now = workspace.current();
        return now == null ? new int[0]
                : now.bank().map(bank -> bank.checkpoint().layout().classes()).orElse(new int[0]);
    }

    public void setForgotten(int modelClass, boolean forget) {
        boolean changed = forget ? forgotten.add(modelClass) : forgotten.remove(modelClass);
        if (changed) {
            reevaluate();
        }
    }

    /** Replaces the whole selection at once (a session restored, "none"), with one evaluation. */
    public void setForgotten(int[] classes) {
        forgotten.clear();
        Arrays.stream(classes).forEach(forgotten::add);
        reevaluate();
    }

    /**
     * Test images shown in the grid: the first few of each class in the sample (or the split), so
     * every class is in view.
     */
    public int[] gridIndices() {
        Workspace now = workspace.current();
        if (now == null) {
            return new int[0];
        }
        ImageDataset test = now.data().test();
        // from the sample when there is one, so that an estimate shows the whole grid too
        int[] candidates = sample.map(s -> s.draw().indices()).orElseGet(() -> IntStream.range(0, test.size()).toArray());
        int[] taken = new int[test.classCount()];
        int[] indices = new int[GRID_PER_CLASS * test.classCount()];
        int count = 0;
        for (int k = 0; k < candidates.length && count < indices.length; k++) {
            int i = candidates[k];
            if (taken[test.label(i)]++ < GRID_PER_CLASS) {
                indices[count++] = i;
            }
        }
        int[] ordered = Arrays.copyOf(indices, count);
        // Grouped by class, so a forgotten class is one run of images.
        return Arrays.stream(ordered).boxed().sorted((a, b) -> Integer.compare(test.label(a), test.label(b)))
                .mapToInt(Integer::intValue).toArray();
    }

    /**
     * Reads an image file, classifies it both ways and computes the alpha saliency of the class the
     * original model sees; at every toggle only the filtered classification is made again.
     */
    public void dropImage(Path file) {
        Workspace now = workspace.current();
        if (now == null || now.bank().isEmpty()) {
            errors.report("Classifying " + file.getFileName(), new WfnetException(
                    "no bank is open: open a bank or train one in the Untrain view"));
            return;
        }
        OpenBank bank = now.bank().get();
        int[] set = toArray(forgotten);
        runner.start("Classifying " + file.getFileName(), (progress, cancel) -> {
            ImageShape shape = now.model().architecture().inputShape();
            ImageDataset image = new ImageDataset(file.getFileName().toString(), shape,
                    ImageConversion.toPixels(ImageConversion.read(file), shape), new int[1], now.classNames());
            float[] original = now.model().classifier().probabilities(image, cancel)[0];
            float[] filtered = evaluator(now, bank).probabilities(set, image, cancel)[0];
            int seen = Classifier.argMax(original);
            float[][] saliency = null;
            if (AlphaSaliency.supports(now.model().architecture())
                    && Arrays.stream(bank.checkpoint().layout().classes()).anyMatch(c -> c == seen)) {
                AlphaSaliency explainer = AlphaSaliency.of(now.model(), bank.view());
                saliency = explainer.map(explainer.inputs(image, 0), seen);
            }
            return new DroppedImage(file.getFileName().toString(), image, original, filtered, seen, saliency);
        }, JobCallbacks.of(dropped::set, failure -> errors.report("Classifying " + file.getFileName(), failure)));
    }

    /** How many class sets the cache holds for the open workspace. */
    public int cachedSets() {
        return cache.size();
    }

    private void workspaceChanged(Workspace now) {
        if (prefetchRunning()) {
            prefetching.cancel();
        }
        if (refiningRunning()) {
            refining.cancel();
        }
        cache.reset(now, forgettableClasses(), prefetch);
        sample = now == null ? Optional.empty() : SplitSample.of(now);
        int[] allowed = forgettableClasses();
        forgotten.removeIf(c -> Arrays.stream(allowed).noneMatch(a -> a == c));
        outcome.set(null);
        dropped.set(null);
        if (now != null && now.bank().isPresent()) {
            reevaluate();
        }
    }

    private void reevaluate() {
        requestedAt = System.nanoTime();
        if (refiningRunning()) {
            refining.cancel();
        }
        Workspace now = workspace.current();
        if (now == null || now.bank().isEmpty()) {
            return;
        }
        List<Integer> classes = List.copyOf(forgotten);
        int[] cached = cache.belongsTo(now) ? cache.get(classes) : null;
        if (cached != null) {
            // at once, even while an estimate runs: that one's outcome is no longer wanted
            stale = false;
            publishSplit(now, classes, cached, true);
            classifyDropped();
            prefetchNext();
            return;
        }
        if (evaluating) {
            stale = true;
            return;
        }
        evaluating = true;
        if (prefetchRunning()) {
            prefetching.cancel();
        }
        OpenBank bank = now.bank().get();
        int[] set = toArray(classes);
        Optional<SplitSample> split = sample;
        if (split.isEmpty()) {
            runner.start("Forgetting " + names(now, set), (progress, cancel) -> evaluator(now, bank).predictions(set, cancel),
                    JobCallbacks.<int[]>of(predictions -> {
                        evaluating = false;
                        if (cache.belongsTo(now)) {
                            cache.put(classes, predictions);
                        }
                        if (isCurrent(now, classes)) {
                            publishSplit(now, classes, predictions, false);
                            classifyDropped();
                        }
                        evaluationEnded();
                    }, failure -> evaluationFailed(now, set, failure)));
            return;
        }
        SplitSample drawn = split.get();
        runner.start("Forgetting " + names(now, set) + " (estimate from " + drawn.size() + " images)",
                (progress, cancel) -> sampleEvaluator(now, bank, drawn).predictions(set, cancel),
                JobCallbacks.<int[]>of(predictions -> {
                    evaluating = false;
                    if (isCurrent(now, classes)) {
                        stale = false;
                        publishEstimate(now, drawn, classes, predictions);
                        classifyDropped();
                        refine(now, bank, drawn, classes, predictions);
                    }
                    evaluationEnded();
                }, failure -> evaluationFailed(now, set, failure)));
    }

    /**
     * Evaluates the images the sample left out, in the background, and shows the whole split's
     * outcome unless the class set changed meanwhile; a newer toggle cancels it at its next batch.
     */
    private void refine(Workspace now, OpenBank bank, SplitSample drawn, List<Integer> classes, int[] onSample) {
        int[] set = toArray(classes);
        refining = runner.start("Forgetting " + names(now, set) + " (all " + String.format(Locale.ROOT, "%,d",
                        now.data().test().size()) + " images)",
                (progress, cancel) -> drawn.draw().merge(onSample, new ForgettingEvaluator(now.model(), bank.alphas(),
                        drawn.rest(), drawn.originalOnRest()).predictions(set, cancel)),
                JobCallbacks.<int[]>of(predictions -> {
                    if (cache.belongsTo(now)) {
                        cache.put(classes, predictions);
                    }
                    if (isCurrent(now, classes)) {
                        publishSplit(now, classes, predictions, false);
                    }
                    prefetchNext();
                }, failure -> errors.report("Forgetting " + names(now, set), failure)).withCancelled(this::prefetchNext));
    }

    private void evaluationEnded() {
        if (stale) {
            stale = false;
            reevaluate();
        }
        prefetchNext();
    }

    private void evaluationFailed(Workspace now, int[] set, Throwable failure) {
        evaluating = false;
        stale = false;
        errors.report("Forgetting " + names(now, set), failure);
    }

    /** Whether an outcome for this class set in this workspace is what the view should show now. */
    private boolean isCurrent(Workspace now, List<Integer> classes) {
        return workspace.current() == now && classes.equals(List.copyOf(forgotten));
    }

    /** Reports and counts are cheap next to the forward passes, so they are made on the FX thread. */
    private void publishSplit(Workspace now, List<Integer> classes, int[] predictions, boolean cached) {
        int[] set = toArray(classes);
        try {
            ForgettingReport report = evaluator(now, now.requireBank()).report(set, predictions);
            outcome.set(ForgetOutcome.ofSplit(report, predictions, ConfusionMatrix.of(now.data().test(), predictions),
                    millisSinceRequest(), cached));
        } catch (WfnetException e) {
            errors.report("Forgetting " + names(now, set), e);
        }
    }

    private void publishEstimate(Workspace now, SplitSample drawn, List<Integer> classes, int[] predictions) {
        int[] set = toArray(classes);
        try {
            ForgettingReport report = sampleEvaluator(now, now.requireBank(), drawn).report(set, predictions);
            outcome.set(new ForgetOutcome(report, drawn.draw().indices(), predictions,
                    ConfusionMatrix.of(drawn.images(), predictions), now.data().test().size(), millisSinceRequest(),
                    false));
        } catch (WfnetException e) {
            errors.report("Forgetting " + names(now, set), e);
        }
    }

    private double millisSinceRequest() {
        return (System.nanoTime() - requestedAt) / 1e6;
    }

    /** The dropped image under the current class set. */
    private void classifyDropped() {
        Workspace now = workspace.current();
        DroppedImage shown = dropped.get();
        if (shown == null || now == null || now.bank().isEmpty()) {
            return;
        }
        OpenBank bank = now.bank().get();
        int[] set = toArray(forgotten);
        runner.start("Classifying " + shown.name(),
                (progress, cancel) -> shown.withFiltered(
                        evaluator(now, bank).probabilities(set, shown.image(), cancel)[0]),
                JobCallbacks.of(result -> {
                    if (dropped.get() != null && dropped.get().image() == shown.image()) {
                        dropped.set(result);
                    }
                }, failure -> errors.report("Classifying " + shown.name(), failure)));
    }

    private static int[] toArray(Collection<Integer> classes) {
        return classes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Evaluates the next class set nobody asked for yet, when nothing the user asked for runs. */
    private void prefetchNext() {
        Workspace now = workspace.current();
        if (evaluating || refiningRunning() || prefetchRunning() || now == null || now.bank().isEmpty() || !cache.belongsTo(now)
                || workspace.modelInUseProperty().get()) {
            return;
        }
        Optional<List<Integer>> next = cache.nextToPrefetch();
        if (next.isEmpty()) {
            return;
        }
        List<Integer> classes = next.get();
        int[] set = toArray(classes);
        OpenBank bank = now.bank().get();
        prefetching = runner.start("Prefetching " + names(now, set) + " (" + cache.waiting() + " more)",
                (progress, cancel) -> evaluator(now, bank).predictions(set, cancel),
                JobCallbacks.<int[]>of(predictions -> {
                    if (cache.belongsTo(now)) {
                        cache.put(classes, predictions);
                        prefetchNext();
                    }
                }, failure -> {
                    // nobody asked for this set, so no dialog: the log says why the cache stops filling
                    LOG.warn("Prefetching {} failed; nothing more is prefetched for this workspace", names(now, set),
                            failure);
                    cache.stopPrefetching();
                }).withCancelled(() -> {
                    if (cache.belongsTo(now)) {
                        cache.prefetchLater(classes);
                        prefetchNext();
                    }
                }));
    }

    /** A handle is kept after its job ends, so ask it; a direct runner's handle is never running. */
    private boolean prefetchRunning() {
        return prefetching != null && prefetching.isRunning();
    }

    private boolean refiningRunning() {
        return refining != null && refining.isRunning();
    }

    private static ForgettingEvaluator evaluator(Workspace now, OpenBank bank) throws WfnetException {
        return new ForgettingEvaluator(now.model(), bank.alphas(), now.data().test(), now.originalPredictions());
    }

    private static ForgettingEvaluator sampleEvaluator(Workspace now, OpenBank bank, SplitSample drawn)
            throws WfnetException {
        return new ForgettingEvaluator(now.model(), bank.alphas(), drawn.images(), drawn.originalOnSample());
    }

    private static String names(Workspace now, int[] classes) {
        if (classes.length == 0) {
            return "nothing";
        }
        return String.join(" + ", Arrays.stream(classes).mapToObj(now.classNames()::get).toList());
    }

}
