package dev.wfnet.eval;

import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.model.LoadedModel;
import dev.wfnet.unlearn.AlphaBank;
import dev.wfnet.unlearn.BankLayout;
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
        model.checkCompatible(test);
        this.model = model;
        this.bank = bank;
        this.test = test;
        this.originalPredictions = model.classifier().predict(test, cancel);
    }

    public int[] originalPredictions() {
        return originalPredictions.clone();
    }

    /** Predictions with a class set forgotten. */
    public int[] predictions(int[] forgotten, CancellationToken cancel) throws WfnetException {
        try (FilteredModel filtered = new FilteredModel(model.architecture(), model.weights(),
                model.checkpoint().normalization(), bank, rowsOf(forgotten))) {
            return filtered.classifier().predict(test, cancel);
        }
    }

    public ForgettingReport evaluate(int[] forgotten, CancellationToken cancel) throws WfnetException {
        int[] predictions = predictions(forgotten, cancel);
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

    private int[] rowsOf(int[] classes) throws WfnetException {
        if (java.util.Arrays.stream(classes).distinct().count() != classes.length) {
            throw new WfnetException("a class is listed twice in " + java.util.Arrays.toString(classes)
                    + "; forgetting it twice would square its alphas");
        }
        BankLayout layout = bank.layout();
        int[] rows = new int[classes.length];
        for (int i = 0; i < classes.length; i++) {
            rows[i] = layout.rowOf(classes[i]);
            if (rows[i] < 0) {
                throw new WfnetException("the bank cannot forget class " + classes[i] + " ("
                        + model.checkpoint().classNames().get(classes[i]) + "); it covers "
                        + java.util.Arrays.toString(layout.classes()));
            }
        }
        return rows;
    }
}
