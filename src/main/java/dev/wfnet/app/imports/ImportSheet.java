package dev.wfnet.app.imports;

import dev.wfnet.model.ArchitectureCatalog;
import dev.wfnet.model.SequentialNetwork;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The import sheet: what the file is and what its weights suggest, the fields to confirm or
 * correct (architecture, its arguments and layer list, input, classes, normalisation, dataset,
 * the model file to write), the problems with them, and Import. Built in code; all state is in
 * {@link ImportSheetViewModel}.
 */
public final class ImportSheet {
    public static final String TITLE = "Import a model";
    private final Stage stage = new Stage();
    private final ImportSheetViewModel model;

    public ImportSheet(Window owner, ImportSheetViewModel model) {
        this.model = model;
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(TITLE + ": " + model.source().getFileName());

        Label summary = new Label();
        summary.textProperty().bind(model.summaryProperty());
        summary.setWrapText(true);
        summary.setMaxWidth(620);

        ComboBox<String> architecture = new ComboBox<>();
        architecture.getItems().addAll(ArchitectureCatalog.ids());
        architecture.setEditable(true);
        architecture.valueProperty().bindBidirectional(model.architectureProperty());
        TextArea layers = new TextArea();
        layers.textProperty().bindBidirectional(model.layersProperty());
        layers.setPrefRowCount(6);
        layers.setPromptText("Conv2d(1, 32, 3), ReLU(), MaxPool2d(2), Flatten(), Linear(5408, 10)");
        layers.disableProperty().bind(model.architectureProperty().isNotEqualTo(SequentialNetwork.ID));
        TextField mean = field(model.meanProperty(), "default: by architecture (ImageNet for stem=imagenet)");
        TextField std = field(model.stdProperty(), "default: by architecture");
        CheckBox raw = new CheckBox("Model takes raw 0..255 pixels (mean and std in pixel units)");
        raw.selectedProperty().bindBidirectional(model.rawPixelsProperty());

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        ColumnConstraints grow = new ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().addAll(new ColumnConstraints(), grow);
        int row = 0;
        form.addRow(row++, label("Architecture", "A catalogue architecture"), architecture);
        form.addRow(row++, label("Arguments", "key=value, comma-separated: width=64, stem=imagenet, heads=3"),
                field(model.argumentsProperty(), "none"));
        form.addRow(row++, label("Layers", "sequential only: the layer list as PyTorch writes it; print(model)"
                + " output works"), layers);
        form.addRow(row++, label("Input", "The model's input, CxHxW"), field(model.inputProperty(), "3x32x32"));
        form.addRow(row++, label("Classes", "Class names in output order, comma-separated"),
                field(model.classesProperty(), ""));
        form.addRow(row++, label("Mean", "Normalize's per-channel mean (0..1 units), one or one per channel"), mean);
        form.addRow(row++, label("Std", "Normalize's per-channel std"), std);
        form.addRow(row++, new Label(""), raw);
        form.addRow(row++, label("Dataset", "The dataset to open the model with (a dataset spec)"),
                field(model.dataSpecProperty(), "fashion-mnist"));
        form.addRow(row, label("Model file", "Where the imported model is written"), field(model.outputProperty(), ""));

        Label problems = new Label();
        problems.textProperty().bind(model.problemsProperty());
        problems.getStyleClass().add("wf-problems");
        problems.setWrapText(true);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(22, 22);
        busy.visibleProperty().bind(model.runningProperty());
        Button importButton = new Button("Import");
        importButton.setDefaultButton(true);
        importButton.disableProperty().bind(model.canImportProperty().not());
        importButton.setOnAction(event -> model.startImport());
        Button close = new Button("Close");
        close.setCancelButton(true);
        close.setOnAction(event -> stage.close());
        close.textProperty().bind(Bindings.when(model.doneProperty()).then("Close").otherwise("Cancel"));
        HBox buttons = new HBox(8, busy, importButton, close);

        VBox root = new VBox(10, summary, form, problems, buttons);
        root.setPadding(new Insets(14));
        root.getStyleClass().add("wf-view");
        Scene scene = new Scene(root, 680, 620);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        model.doneProperty().addListener((property, was, now) -> {
            if (now) {
                stage.close();
            }
        });
    }

    public void show() {
        stage.show();
        model.inspect();
    }

    public Stage stage() {
        return stage;
    }

    public ImportSheetViewModel viewModel() {
        return model;
    }

    private static TextField field(javafx.beans.property.StringProperty property, String prompt) {
        TextField field = new TextField();
        field.textProperty().bindBidirectional(property);
        field.setPromptText(prompt);
        return field;
    }

    private static Label label(String text, String tooltip) {
        Label label = new Label(text);
        label.setTooltip(new Tooltip(tooltip));
        return label;
    }
}
