package dev.wfnet.app.modeldata;

import dev.wfnet.app.common.ChartPane;
import dev.wfnet.app.common.Icons;
import static dev.wfnet.app.common.Labels.caption;
import static dev.wfnet.app.common.Labels.heading;
import dev.wfnet.app.common.ViewContent;
import dev.wfnet.app.common.ViewContext;
import dev.wfnet.app.common.ViewBase;
import dev.wfnet.eval.AccuracyReport;
import java.io.File;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/** Model and data: what is open, the dataset choice, the architecture table, per-class accuracy. */
public final class ModelDataView extends ViewBase<ModelDataViewModel> {
    public static final String TITLE = "Model and data";
    private final ChartPane accuracyChart;

    public ModelDataView(ViewContext context) {
        super(TITLE, Icons.MODEL, new ModelDataViewModel(context.workspace()));
        this.accuracyChart = context.chartPane("original-accuracy");
        Label summary = new Label();
        summary.textProperty().bind(model.summaryProperty());
        summary.setWrapText(true);
        VBox top = new VBox(8, heading("What is open"), summary, datasetRow(context));
        top.setPadding(new Insets(0, 0, 10, 0));
        root.setTop(top);
        SplitPane split = new SplitPane(tableBox(), chartBox());
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.5);
        root.setCenter(split);
        model.accuracyProperty().addListener((property, before, now) -> showAccuracy(now));
        showAccuracy(model.accuracyProperty().get());
    }

    @Override
    public ViewContent content() {
        AccuracyReport report = model.accuracyProperty().get();
        if (report == null) {
            return ViewContent.empty();
        }
        return ViewContent.builder().figure(accuracyChart).table("original-accuracy.csv", report.toCsv())
                .json("original-accuracy.json", report.toJson()).build();
    }

    private void showAccuracy(AccuracyReport report) {
        if (report != null) {
            accuracyChart.show(model.accuracyFigure().toChart());
        }
    }

    private Node datasetRow(ViewContext context) {
        ComboBox<DatasetChoice> choices = new ComboBox<>();
        choices.getItems().setAll(DatasetChoice.standard());
        choices.setPromptText("Choose a dataset");
        choices.setOnAction(event -> {
            DatasetChoice chosen = choices.getValue();
            if (chosen != null && !chosen.spec().equals(currentSpec(context))) {
                model.chooseDataset(chosen);
            }
        });
        // Show the open dataset; setting the value re-enters the handler above, which then does nothing.
        context.workspace().workspaceProperty().addListener((property, before, now) -> choices.setValue(
                DatasetChoice.standard().stream().filter(choice -> choice.spec().equals(currentSpec(context)))
                        .findFirst().orElse(null)));
        Button folder = new Button("Image folder...", Icons.OPEN.node());
        folder.setOnAction(event -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("A folder with train/ and test/, one sub-folder per class");
            File chosen = chooser.showDialog(root.getScene().getWindow());
            if (chosen != null) {
                model.chooseDataset(DatasetChoice.folder(chosen.toPath()));
            }
        });
        TextField spec = new TextField();
        spec.setPromptText("or a dataset spec: idx:DIR, cifar10:DIR, fashion-mnist:DIR ...");
        HBox.setHgrow(spec, Priority.ALWAYS);
        Button load = new Button("Load", Icons.DATA.node());
        load.setOnAction(event -> {
            if (!spec.getText().isBlank()) {
                model.chooseDataset(new DatasetChoice(spec.getText().strip(), spec.getText().strip()));
            }
        });
        spec.setOnAction(load.getOnAction());
        load.disableProperty().bind(context.workspace().loadingProperty());
        choices.disableProperty().bind(context.workspace().loadingProperty());
        HBox row = new HBox(8, new Label("Dataset"), choices, folder, spec, load);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return row;
    }

    private static String currentSpec(ViewContext context) {
        var now = context.workspace().current();
        return now == null ? "" : now.dataSpec();
    }

    private Node tableBox() {
        TableView<ParameterRow> table = new TableView<>(model.parameters());
        table.getColumns().add(column("Parameter", 220, ParameterRow::name));
        table.getColumns().add(column("Type", 100, ParameterRow::type));
        table.getColumns().add(column("Shape", 130, ParameterRow::shape));
        table.getColumns().add(column("Values", 90, row -> String.format("%,d", row.parameters())));
        table.getColumns().add(column("Filtered", 70, row -> row.filtered() ? "yes" : ""));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        VBox box = new VBox(6, heading("Architecture"), caption("Filtered: the tensors the bank masks (without"
                + " a bank, those an untraining round filters by default)."), table);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(0, 8, 0, 0));
        return box;
    }

    private Node chartBox() {
        VBox box = new VBox(6, heading("Original model, per class"), accuracyChart);
        VBox.setVgrow(accuracyChart, Priority.ALWAYS);
        box.setPadding(new Insets(0, 0, 0, 8));
        return box;
    }

    private static <T> TableColumn<ParameterRow, String> column(String title, double width,
                                                               java.util.function.Function<ParameterRow, T> value) {
        TableColumn<ParameterRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(String.valueOf(value.apply(cell.getValue()))));
        return column;
    }
}
