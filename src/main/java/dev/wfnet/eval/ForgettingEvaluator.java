package dev.wfnet.eval;

import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.model.LoadedModel;
import dev.wfnet.unlearn.AlphaBank;
import dev.wfnet.unlearn.FilteredModel;
import dev.wfnet.unlearn.ForgetAccuracy;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates forgetting on one test split: the original model's predictions are computed once,
 * then any class set is forgotten (rows combined by product) and compared with them.
 */
public final class ForgettingEvaluator {
    private final LoadedModel model;
    private final AlphaBank bank;
    private final ImageDataset test;
    private final int[] originalPredictions;

    public ForgettingEvaluator(LoadedModel model, AlphaBank bank, ImageDataset test, CancellationToken cancel)
            throws WfnetException {
        this(model, bank, test, predictOriginal(model, test, cancel));
    }

    /** For callers that already have the original model's predictions on {@code test} (the workbench). */
    public ForgettingEvaluator(LoadedModel model, AlphaBank bank, ImageDataset test, int[] originalPredictions)
            throws WfnetException {
        model.checkCompatible(test);
        if (originalPredictions.length != test.size()) {
            throw new IllegalArgumentException(originalPredictions.length + " predictions for " + test.size()
                    + " test images");
        }
        this.model = model;
        this.bank = bank;
        this.test = test;
        this.originalPredictions = originalPredictions.clone();
    }

    private static int[] predictOriginal(LoadedModel model, ImageDataset test, CancellationToken cancel)
            throws WfnetException {
        model.checkCompatible(test);
        return model.classifier().predict(test, cancel);
    }

    public int[] originalPredictions() {
        return originalPredictions.clone();
    }

    /** Predictions with a class set forgotten. */
    public int[] predictions(int[] forgotten, CancellationToken cancel) throws WfnetException {
        try (FilteredModel filtered = filtered(forgotten)) {
            return filtered.classifier().predict(test, cancel);
        }
    }

    /** Class probabilities of any images (one dropped on the window, say) with a class set forgotten. */
    public float[][] probabilities(int[] forgotten, ImageDataset images, CancellationToken cancel)
            throws WfnetException {
        try (FilteredModel filtered = filtered(forgotten)) {
            return filtered.classifier().probabilities(images, cancel);
        }
    }

    private FilteredModel filtered(int[] forgotten) throws WfnetException {
        return new FilteredModel(model.architecture(), model.weights(), model.checkpoint().normalization(), bank,
                rowsOf(forgotten));
    }

    public ForgettingReport evaluate(int[] forgotten, CancellationToken cancel) throws WfnetException {
        return report(forgotten, predictions(forgotten, cancel));
    }

    /** The report of predictions made earlier with {@code forgotten} forgotten (a cache's, say). */
    public ForgettingReport report(int[] forgotten, int[] predictions) {
        return new ForgettingReport(forgotten, AccuracyReport.of(test, predictions),
                AccuracyReport.of(test, originalPredictions),
                ForgetAccuracy.of(predictions, test.labels(), forgotten),
                ForgetAccuracy.of(originalPredictions, test.labels(), forgotten));
    }

    /** Each class of the bank forgotten alone: the per-class table of the quality bar. */
    public List<ForgettingReport> eachClass(CancellationToken cancel) throws WfnetException {
        List<ForgettingReport> reports = new ArrayList<>();
        for (int c : bank.layout().classes()) {
            reports.add(evaluate(new int[] {c}, cancel));
        }
        return reports;
    }

    /** Every pair of the bank's classes forgotten together. */
    public List<ForgettingReport> everyPair(CancellationToken cancel) throws WfnetException {
        int[] classes = bank.layout().classes();
        List<ForgettingReport> reports = new ArrayList<>();
        for (int i = 0; i < classes.length; i++) {
            for (int j = i + 1; j < classes.length; j++) {
                reports.add(evaluate(new int[] {classes[i], classes[j]}, cancel));
            }
        }
        return reports;
    }

    /**
     * {@code count} distinct triples of the bank's classes forgotten together, drawn with a seeded
     * generator so that a report can be repeated (every triple when there are no more than that).
     */
    public List<ForgettingReport> randomTriples(int count, long seed, CancellationToken cancel)
            throws WfnetException {
        int[] classes = bank.layout().classes();
        List<int[]> triples = new ArrayList<>();
        for (int i = 0; i < classes.length; i++) {
            for (int j = i + 1; j < classes.length; j++) {
                for (int k = j + 1; k < classes.length; k++) {
                    triples.add(new int[] {classes[i], classes[j], classes[k]});
                }
            }
        }
        java.util.Collections.shuffle(triples, new java.util.Random(seed));
        List<ForgettingReport> reports = new ArrayList<>();
        for (int[] triple : triples.subList(0, Math.min(count, triples.size()))) {
            reports.add(evaluate(triple, cancel));
        }
        return reports;
    }

    private int[] rowsOf(int[] classes) throws WfnetException {
        return bank.layout().rowsFor(classes, model.checkpoint().classNames());
    }
}
