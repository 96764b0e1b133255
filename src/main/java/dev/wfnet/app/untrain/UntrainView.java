package dev.wfnet.app.untrain;

import static dev.wfnet.app.common.Labels.caption;
import static dev.wfnet.app.common.Labels.heading;

import com.google.gson.JsonObject;
import dev.wfnet.app.common.ChartPane;
import dev.wfnet.app.common.Icons;
import dev.wfnet.app.common.ViewContent;
import dev.wfnet.app.common.ViewContext;
import dev.wfnet.app.common.ViewBase;
import dev.wfnet.unlearn.UntrainConfig;
import java.io.File;
import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.controlsfx.control.PropertySheet;

/** Untrain: the settings on the left; Start / Cancel / Resume, progress and live charts on the right. */
public final class UntrainView extends ViewBase<UntrainViewModel> {
    public static final String TITLE = "Untrain";
    private final ChartPane lossChart;
    private final ChartPane forgetChart;
    private final ChartPane retainChart;

    public UntrainView(ViewContext context) {
        super(TITLE, Icons.UNTRAIN, new UntrainViewModel(context.workspace(), context.training(), context.errors()));
        this.lossChart = context.chartPane("untrain-losses");
        this.forgetChart = context.chartPane("untrain-acc-f");
        this.retainChart = context.chartPane("untrain-acc-r");
        SplitPane split = new SplitPane(settings(), runPane());
        split.setDividerPositions(0.27);
        SplitPane.setResizableWithParent(split.getItems().get(0), false);
        root.setCenter(split);
        model.curvesProperty().addListener((property, before, now) -> showCurves(now));
        showCurves(model.curves());
    }

    @Override
    public ViewContent content() {
        TrainingCurves curves = model.curves();
        if (curves.steps().isEmpty()) {
            return ViewContent.empty();
        }
        // the panes show the curves' charts
        return ViewContent.builder().figure(lossChart).figure(forgetChart).figure(retainChart)
                .table("untrain-steps.csv", curves.stepsCsv()).table("untrain-snapshots.csv", curves.snapshotsCsv())
                .json("untrain-progress.json", curves.toJson()).build();
    }

    @Override
    public JsonObject saveState() {
        return model.form().toJson();
    }

    @Override
    public void restoreState(JsonObject state) {
        model.form().restore(state);
    }

    private void showCurves(TrainingCurves curves) {
        lossChart.show(curves.lossChart());
        forgetChart.show(curves.forgetChart());
        retainChart.show(curves.retainChart());
    }

    private Node settings() {
        UntrainForm form = model.form();
        PropertySheet sheet = new PropertySheet(javafx.collections.FXCollections.observableArrayList(
                form.fields().stream().<PropertySheet.Item>map(SheetItem::of).toList()));
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        // one flat list in the form's order: categories would fold all but one group away
        sheet.setMode(PropertySheet.Mode.NAME);
        sheet.setMinHeight(Region.USE_PREF_SIZE);

        Label problems = new Label();
        problems.getStyleClass().add("wf-problems");
        problems.setWrapText(true);
        problems.textProperty().bind(form.problemsProperty());
        problems.visibleProperty().bind(form.problemsProperty().isNotEmpty());
        problems.managedProperty().bind(problems.visibleProperty());

        VBox box = new VBox(8, heading("Settings"), sheet, problems, outputRow(),
                checkList(UntrainConfig.CLASSES.label(), form.classes()),
                checkList(UntrainConfig.LAYERS.label(), form.layers()));
        box.setPadding(new Insets(0, 8, 0, 0));
        box.disableProperty().bind(model.runningProperty());
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setMinWidth(320);
        return scroll;
    }

    private Node outputRow() {
        TextField output = new TextField();
        output.textProperty().bindBidirectional(model.form().outputProperty());
        output.setTooltip(new Tooltip("The bank a finished run writes; its resumable checkpoint goes beside it"));
        HBox.setHgrow(output, Priority.ALWAYS);
        Button choose = new Button("...");
        choose.setOnAction(event -> {
            FileChooser chooser = safetensorsChooser("The bank to write");
            File chosen = chooser.showSaveDialog(root.getScene().getWindow());
            if (chosen != null) {
                model.form().outputProperty().set(chosen.toPath().toString());
            }
        });
        HBox row = new HBox(6, output, choose);
        row.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, new Label("Output bank"), row);
    }

    private FileChooser safetensorsChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Banks (*.safetensors)", "*.safetensors"));
        Path folder = model.form().outputFile().toAbsolutePath().getParent();
        if (folder != null && folder.toFile().isDirectory()) {
            chooser.setInitialDirectory(folder.toFile());
        }
        return chooser;
    }

    private static Node checkList(String title, javafx.collections.ObservableList<CheckItem> items) {
        ListView<CheckItem> list = new ListView<>(items);
        list.setCellFactory(CheckBoxListCell.forListView(CheckItem::checked));
        list.setPrefHeight(24 * 6 + 4);
        Button all = new Button("All");
        all.setOnAction(event -> items.forEach(item -> item.checked().set(true)));
        Button none = new Button("None");
        none.setOnAction(event -> items.forEach(item -> item.checked().set(false)));
        HBox header = new HBox(6, heading(title), new Region(), all, none);
        HBox.setHgrow(header.getChildren().get(1), Priority.ALWAYS);
        header.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, header, list);
    }

    private Node runPane() {
        Button start = new Button("Start", Icons.START.node());
        start.setDefaultButton(false);
        start.setOnAction(event -> model.start());
        start.disableProperty().bind(model.canStartProperty().not());
        Button cancel = new Button("Cancel", Icons.STOP.node());
        cancel.setOnAction(event -> model.cancel());
        cancel.disableProperty().bind(model.runningProperty().not());
        Button resume = new Button("Resume", Icons.RESUME.node());
        resume.setTooltip(new Tooltip("Continue the last cancelled run from the checkpoint it kept"));
        resume.setOnAction(event -> model.resumeLast());
        resume.disableProperty().bind(model.resumableProperty().not().or(model.runningProperty()));
        Button resumeFile = new Button("Resume from file...", Icons.OPEN.node());
        resumeFile.setOnAction(event -> {
            File chosen = safetensorsChooser("A resumable checkpoint (*.checkpoint.safetensors)")
                    .showOpenDialog(root.getScene().getWindow());
            if (chosen != null) {
                model.resumeFrom(chosen.toPath());
            }
        });
        resumeFile.disableProperty().bind(model.runningProperty());
        start.setId("untrain-start");
        cancel.setId("untrain-cancel");
        resume.setId("untrain-resume");

        ProgressBar bar = new ProgressBar(0);
        bar.progressProperty().bind(model.progressProperty());
        bar.setPrefWidth(260);
        Label progress = new Label();
        progress.textProperty().bind(model.progressTextProperty());
        HBox controls = new HBox(8, start, cancel, resume, resumeFile);
        controls.getChildren().forEach(button -> ((Button) button).setMinWidth(Region.USE_PREF_SIZE));
        HBox progressRow = new HBox(10, bar, progress);
        progressRow.setAlignment(Pos.CENTER_LEFT);

        Label snapshot = new Label();
        snapshot.textProperty().bind(model.snapshotTextProperty());
        Label message = caption("");
        message.textProperty().bind(model.messageProperty());

        HBox accuracy = new HBox(8, forgetChart, retainChart);
        HBox.setHgrow(forgetChart, Priority.ALWAYS);
        HBox.setHgrow(retainChart, Priority.ALWAYS);
        SplitPane charts = new SplitPane(lossChart, accuracy);
        charts.setOrientation(javafx.geometry.Orientation.VERTICAL);
        charts.setDividerPositions(0.48);
        VBox box = new VBox(8, heading("Run"), controls, progressRow, snapshot, message, charts);
        VBox.setVgrow(charts, Priority.ALWAYS);
        box.setPadding(new Insets(0, 0, 0, 8));
        return box;
    }
}
