package dev.wfnet.unlearn;

import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.model.LoadedModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a bank's rows against the round's targets on the held-out split: ACC_f of the row's class
 * and ACC_r of the others, beside the original model's ACC_r on the same images (computed once).
 * A frozen row keeps its last status: its alphas no longer change.
 */
final class RowChecks {
    private final LoadedModel model;
    private final ImageDataset validation;
    private final BankLayout layout;
    private final UntrainConfig config;
    private final CancellationToken cancel;
    private final int[] originalPredictions;

    RowChecks(LoadedModel model, ImageDataset validation, BankLayout layout, UntrainConfig config,
              CancellationToken cancel) throws WfnetException {
        this.model = model;
        this.validation = validation;
        this.layout = layout;
        this.config = config;
        this.cancel = cancel;
        this.originalPredictions = model.classifier().predict(validation, cancel);
    }

    /** The original model's predictions on the held-out images. */
    int[] originalPredictions() {
        return originalPredictions.clone();
    }

    /**
     * The status of every row: checked again for rows not frozen, {@code previous} for the others.
     *
     * @param previous the last statuses (empty before the first check)
     */
    List<RowStatus> check(AlphaBank bank, boolean[] frozen, List<RowStatus> previous) throws WfnetException {
        List<RowStatus> status = new ArrayList<>();
        for (int row = 0; row < layout.rows(); row++) {
            status.add(frozen[row] && !previous.isEmpty() ? previous.get(row) : check(bank, row));
        }
        return List.copyOf(status);
    }

    private RowStatus check(AlphaBank bank, int row) throws WfnetException {
        int modelClass = layout.classOfRow(row);
        int[] predictions;
        try (FilteredModel filtered = new FilteredModel(model.architecture(), model.weights(),
                model.checkpoint().normalization(), bank, new int[] {row})) {
            predictions = filtered.classifier().predict(validation, cancel);
        }
        return RowChecks.status(row, modelClass, validation.labels(), originalPredictions, predictions, config);
    }

    /**
     * A row's status from predictions on the held-out images. Each estimate must clear its target by
     * one standard error (binomial for ACC_f; for the drop, the paired difference of the original's
     * and the row's correctness on the same images), so that a row checked on a few hundred images
     * per class still meets the targets on a larger test split rather than only on the held-out one.
     */
    static RowStatus status(int row, int modelClass, int[] labels, int[] original, int[] now, UntrainConfig config) {
        int forgetTotal = 0;
        int forgetCorrect = 0;
        int retainTotal = 0;
        int originalCorrect = 0;
        int nowCorrect = 0;
        int lost = 0;
        int gained = 0;
        for (int i = 0; i < labels.length; i++) {
            boolean correct = now[i] == labels[i];
            if (labels[i] == modelClass) {
                forgetTotal++;
                forgetCorrect += correct ? 1 : 0;
            } else {
                boolean before = original[i] == labels[i];
                retainTotal++;
                originalCorrect += before ? 1 : 0;
                nowCorrect += correct ? 1 : 0;
                lost += before && !correct ? 1 : 0;
                gained += !before && correct ? 1 : 0;
            }
        }
        double forget = forgetTotal == 0 ? 0 : (double) forgetCorrect / forgetTotal;
        double forgetError = forgetTotal == 0 ? 0 : Math.sqrt(forget * (1 - forget) / forgetTotal);
        double retain = retainTotal == 0 ? Double.NaN : (double) nowCorrect / retainTotal;
        double originalRetain = retainTotal == 0 ? Double.NaN : (double) originalCorrect / retainTotal;
        double dropError = retainTotal == 0 ? 0
                : Math.sqrt(Math.max(0, lost + gained - Math.pow(lost - gained, 2) / retainTotal)) / retainTotal;
        boolean met = forget + forgetError <= config.targetForgetAccuracy() + 1e-12
                && originalRetain - retain + dropError <= config.targetDrop() + 1e-12;
        return new RowStatus(row, modelClass, forget, retain, originalRetain, forgetError, dropError, met);
    }
}
