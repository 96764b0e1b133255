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
        int[] forgotten = {layout.classOfRow(row)};
        int[] predictions;
        try (FilteredModel filtered = new FilteredModel(model.architecture(), model.weights(),
                model.checkpoint().normalization(), bank, new int[] {row})) {
            predictions = filtered.classifier().predict(validation, cancel);
        }
        ForgetAccuracy now = ForgetAccuracy.of(predictions, validation.labels(), forgotten);
        double original = ForgetAccuracy.of(originalPredictions, validation.labels(), forgotten).retainAccuracy();
        double forget = now.forgetAccuracy()[0];
        boolean met = forget <= config.targetForgetAccuracy() + 1e-12
                && original - now.retainAccuracy() <= config.targetDrop() + 1e-12;
        return new RowStatus(row, forgotten[0], forget, now.retainAccuracy(), original, met);
    }
}
