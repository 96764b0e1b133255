package dev.wfnet.app.modeldata;

import dev.wfnet.app.workspace.OpenBank;
import dev.wfnet.app.workspace.Workspace;
import dev.wfnet.app.workspace.WorkspaceViewModel;
import dev.wfnet.eval.AccuracyReport;
import dev.wfnet.figures.BarFigure;
import dev.wfnet.io.HostTensor;
import dev.wfnet.model.ParameterSpec;
import dev.wfnet.unlearn.FilteredTensor;
import dev.wfnet.unlearn.LayerSelection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the Model and data view shows, derived from the workspace: the architecture table (which
 * tensors the bank filters), a summary, and the original model's per-class test accuracy.
 * Everything here is cheap (the predictions were made when the workspace opened), so it is
 * computed on the FX thread.
 */
public final class ModelDataViewModel {
    private final WorkspaceViewModel workspace;
    private final ObservableList<ParameterRow> parameters = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyObjectWrapper<AccuracyReport> accuracy = new ReadOnlyObjectWrapper<>(this, "accuracy");

    public ModelDataViewModel(WorkspaceViewModel workspace) {
        this.workspace = workspace;
        workspace.workspaceProperty().addListener((property, before, now) -> refresh(now));
        refresh(workspace.current());
    }

    public ObservableList<ParameterRow> parameters() {
        return FXCollections.unmodifiableObservableList(parameters);
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The original model's accuracy on the test split, null before a model is open. */
    public ReadOnlyObjectProperty<AccuracyReport> accuracyProperty() {
        return accuracy.getReadOnlyProperty();
    }

    public void chooseDataset(DatasetChoice choice) {
        workspace.openData(choice.spec());
    }

    /** The per-class accuracy chart, in percent. */
    public BarFigure accuracyFigure() {
        AccuracyReport report = accuracy.get();
        return BarFigure.of(String.format("Original model: test accuracy per class (overall %.2f%%)",
                        100 * report.overall()), "class", "accuracy (%)", report.classNames(),
                List.of(new BarFigure.Series("original", report.classPercentages()))).withRange(0, 100);
    }

    private void refresh(Workspace now) {
        if (now == null) {
            parameters.clear();
            summary.set("");
            accuracy.set(null);
            return;
        }
        Set<String> filtered = filteredNames(now);
        parameters.setAll(now.model().architecture().parameters().stream()
                .map(spec -> row(spec, filtered.contains(spec.name()))).toList());
        accuracy.set(AccuracyReport.of(now.data().test(), now.originalPredictions()));
        summary.set(summaryOf(now));
    }

    private static ParameterRow row(ParameterSpec spec, boolean filtered) {
        return new ParameterRow(spec.name(), spec.role().label(), HostTensor.shapeText(spec.shape()),
                spec.elementCount(), filtered);
    }

    /** The bank's filtered tensors, or those the default selection would filter. */
    private static Set<String> filteredNames(Workspace now) {
        return now.bank().map(bank -> bank.checkpoint().layout().tensors().stream().map(FilteredTensor::name)
                        .collect(Collectors.toSet()))
                .orElseGet(() -> now.model().architecture().parameters().stream()
                        .filter(LayerSelection.defaults()::includes).map(ParameterSpec::name)
                        .collect(Collectors.toSet()));
    }

    private static String summaryOf(Workspace now) {
        var checkpoint = now.model().checkpoint();
        var architecture = now.model().architecture();
        StringBuilder text = new StringBuilder();
        text.append("Model  ").append(now.modelFile().getFileName()).append("  (SHA-256 ")
                .append(now.model().sha256(), 0, 12).append("...)\n");
        text.append("Architecture  ").append(architecture.spec()).append(", ")
                .append(String.format("%,d", architecture.parameterCount())).append(" parameters, input ")
                .append(architecture.inputShape()).append(", ").append(checkpoint.classCount()).append(" classes\n");
        text.append("Dataset  ").append(now.data().test().name()).append(": ")
                .append(String.format("%,d", now.data().train().size())).append(" training and ")
                .append(String.format("%,d", now.data().test().size())).append(" test images (spec '")
                .append(now.dataSpec()).append("')\n");
        text.append("Bank  ").append(now.bank().map(ModelDataViewModel::bankText)
                .orElse("none open (open one, or train one in the Untrain view)"));
        return text.toString();
    }

    private static String bankText(OpenBank bank) {
        var checkpoint = bank.checkpoint();
        return bank.file().getFileName() + ": " + checkpoint.layout().rows() + " classes, "
                + checkpoint.layout().granularity().name().toLowerCase(java.util.Locale.ROOT) + " granularity, "
                + String.format("%,d", checkpoint.layout().alphaCount()) + " alphas, step " + checkpoint.step()
                + " of " + checkpoint.config().steps();
    }
}
