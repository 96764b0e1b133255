package dev.wfnet.app.forget;

import static dev.wfnet.app.common.Labels.caption;
import static dev.wfnet.app.common.Labels.heading;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.wfnet.app.common.ChartPane;
import dev.wfnet.app.common.DatasetImages;
import dev.wfnet.app.common.FileDrops;
import dev.wfnet.app.common.Icons;
import dev.wfnet.app.common.ViewContent;
import dev.wfnet.app.common.ViewContext;
import dev.wfnet.app.common.ViewBase;
import dev.wfnet.app.workspace.Workspace;
import dev.wfnet.figures.BarFigure;
import dev.wfnet.figures.ForgetFigures;
import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.stream.StreamSupport;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * Forget live: a check list of classes; every toggle re-evaluates the filtered model and updates
 * the accuracy bars, the confusion matrix, the image grid and the dropped image.
 */
public final class ForgetLiveView extends ViewBase<ForgetLiveViewModel> {
    public static final String TITLE = "Forget live";
    private final ViewContext context;
    private final VBox checks = new VBox(4);
    private final Label summary = new Label();
    private final Label latency = new Label();
    private final ChartPane bars;
    private final ChartPane confusion;
    private final ChartPane probabilities;
    private final ImageGrid grid = new ImageGrid();
    private final ImageView droppedImage = new ImageView();
    private static final String DROP_HINT = "Drop an image file here (PNG, JPEG) to classify it both ways,"
            + " with the alpha saliency of the class the original model sees.";
    private final Label droppedText = new Label(DROP_HINT);

    public ForgetLiveView(ViewContext context) {
        super(TITLE, Icons.FORGET, new ForgetLiveViewModel(context.workspace(), context.interactive(),
                context.errors(), true));
        this.context = context;
        this.bars = context.chartPane("forget-accuracy");
        this.confusion = context.chartPane("forget-confusion");
        this.probabilities = context.chartPane("dropped-image-probabilities");
        root.setLeft(selectionPane());
        root.setCenter(figures());
        context.workspace().workspaceProperty().addListener((property, before, now) -> rebuildChecks(now));
        model.outcomeProperty().addListener((property, before, now) -> showOutcome(now));
        model.droppedProperty().addListener((property, before, now) -> showDropped(now));
        rebuildChecks(context.workspace().current());
    }

    @Override
    public ViewContent content() {
        ForgetOutcome outcome = model.outcomeProperty().get();
        if (outcome == null) {
            return ViewContent.empty();
        }
        ViewContent.Builder content = ViewContent.builder().figure(bars).figure(confusion);
        if (model.droppedProperty().get() != null) {
            content.figure(probabilities);
        }
        return content.json("forget-report.json", outcome.report().toJson())
                .table("forget-report.csv", outcome.report().toCsv())
                .table("forget-confusion.csv", outcome.confusion().toCsv()).build();
    }

    @Override
    public JsonObject saveState() {
        JsonObject state = new JsonObject();
        JsonArray classes = new JsonArray();
        model.forgotten().forEach(classes::add);
        state.add("forgotten", classes);
        return state;
    }

    @Override
    public void restoreState(JsonObject state) {
        if (state.has("forgotten")) {
            model.setForgotten(StreamSupport.stream(state.getAsJsonArray("forgotten").spliterator(), false)
                    .mapToInt(element -> element.getAsInt()).toArray());
            syncChecks();
        }
    }

    private Node selectionPane() {
        Button none = new Button("Forget none");
        none.setOnAction(event -> {
            model.setForgotten(new int[0]);
            syncChecks();
        });
        summary.setWrapText(true);
        latency.getStyleClass().add("wf-caption");
        latency.setWrapText(true);
        VBox pane = new VBox(8, heading("Forget"), caption("Check classes to switch them off; rows of the bank"
                + " combine by product."), checks, none, summary, latency);
        pane.setPrefWidth(230);
        pane.setPadding(new Insets(0, 10, 0, 0));
        return pane;
    }

    private Node figures() {
        GridPane layout = new GridPane();
        layout.setHgap(8);
        layout.setVgap(8);
        layout.add(bars, 0, 0);
        layout.add(confusion, 1, 0);
        ScrollPane gridScroll = new ScrollPane(grid);
        gridScroll.setFitToWidth(true);
        VBox gridBox = new VBox(4, heading("Test images: original, then filtered prediction"),
                gridScroll);
        VBox.setVgrow(gridScroll, Priority.ALWAYS);
        layout.add(gridBox, 0, 1);
        layout.add(droppedPane(), 1, 1);
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        half.setHgrow(Priority.ALWAYS);
        RowConstraints top = new RowConstraints();
        top.setPercentHeight(55);
        top.setVgrow(Priority.ALWAYS);
        RowConstraints bottom = new RowConstraints();
        bottom.setPercentHeight(45);
        bottom.setVgrow(Priority.ALWAYS);
        layout.getColumnConstraints().addAll(half, half);
        layout.getRowConstraints().addAll(top, bottom);
        return layout;
    }

    private Node droppedPane() {
        Button choose = new Button("Choose image...", Icons.OPEN.node());
        choose.setOnAction(event -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("An image to classify both ways");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg",
                    "*.jpeg", "*.bmp", "*.gif"));
            File file = chooser.showOpenDialog(root.getScene().getWindow());
            if (file != null) {
                model.dropImage(file.toPath());
            }
        });
        droppedText.setWrapText(true);
        VBox side = new VBox(6, droppedImage, droppedText, choose);
        side.setPrefWidth(200);
        probabilities.setVisible(false);
        HBox box = new HBox(8, side, probabilities);
        HBox.setHgrow(probabilities, Priority.ALWAYS);
        VBox pane = new VBox(4, heading("Your image"), box);
        VBox.setVgrow(box, Priority.ALWAYS);
        pane.getStyleClass().add("wf-drop-target");
        FileDrops.accept(pane, files -> model.dropImage(files.get(0)));
        return pane;
    }

    private void rebuildChecks(Workspace now) {
        checks.getChildren().clear();
        if (now == null || now.bank().isEmpty()) {
            checks.getChildren().add(caption("No bank is open: open a bank or train one in the Untrain view."));
            return;
        }
        for (int modelClass : model.forgettableClasses()) {
            CheckBox box = new CheckBox(now.classNames().get(modelClass));
            box.setUserData(modelClass);
            box.setSelected(model.forgotten().contains(modelClass));
            box.selectedProperty().addListener((property, was, selected) -> model.setForgotten(modelClass, selected));
            checks.getChildren().add(box);
        }
    }

    private void syncChecks() {
        for (Node node : checks.getChildren()) {
            if (node instanceof CheckBox box) {
                box.setSelected(model.forgotten().contains((Integer) box.getUserData()));
            }
        }
    }

    private void showOutcome(ForgetOutcome outcome) {
        Workspace now = context.workspace().current();
        if (outcome == null || now == null) {
            return;
        }
        bars.show(ForgetFigures.accuracyBars(outcome.report()).toChart());
        confusion.show(ForgetFigures.confusionHeatmap(outcome.confusion(), "Confusion of the filtered model").toChart());
        grid.show(now.data().test(), model.gridIndices(), now.originalPredictions(), outcome);
        summary.setText(summary(outcome));
        latency.setText(outcome.estimate()
                ? String.format(Locale.ROOT, "estimate from %,d of %,d test images, in %.0f ms; the whole split follows",
                        outcome.evaluatedImages(), outcome.splitSize(), outcome.latencyMillis())
                : String.format(Locale.ROOT, "all %,d test images, updated in %.0f ms%s", outcome.splitSize(),
                        outcome.latencyMillis(), outcome.cached() ? " (seen before)" : ""));
    }

    /** ACC_f and ACC_r beside the original's; an estimate says how far the whole split may be (95%). */
    static String summary(ForgetOutcome outcome) {
        if (outcome.forgotten().length == 0) {
            return "Nothing forgotten: the original model.";
        }
        var filtered = outcome.report().filteredSplit();
        var original = outcome.report().originalSplit();
        return String.format(Locale.ROOT, "ACC_f %.2f%%%s (original %.2f%%)%nACC_r %.2f%%%s (original %.2f%%)",
                100 * mean(filtered.forgetAccuracy()), margin(outcome, outcome.forgetMargin95()),
                100 * mean(original.forgetAccuracy()), 100 * filtered.retainAccuracy(),
                margin(outcome, outcome.retainMargin95()), 100 * original.retainAccuracy());
    }

    private static String margin(ForgetOutcome outcome, double margin) {
        return outcome.estimate() && !Double.isNaN(margin) ? String.format(Locale.ROOT, " \u00b1%.1f", 100 * margin) : "";
    }

    private void showDropped(DroppedImage dropped) {
        if (dropped == null) {
            droppedImage.setImage(null);
            probabilities.setVisible(false);
            droppedText.setText(DROP_HINT);
            return;
        }
        droppedImage.setImage(dropped.saliency() == null ? DatasetImages.image(dropped.image(), 0, 6)
                : DatasetImages.overlay(dropped.image(), 0, dropped.saliency(), 6));
        List<String> names = dropped.image().classNames();
        float[] original = dropped.original();
        float[] filtered = dropped.filtered();
        double[] originalPercent = new double[names.size()];
        double[] filteredPercent = new double[names.size()];
        for (int c = 0; c < names.size(); c++) {
            originalPercent[c] = 100 * original[c];
            filteredPercent[c] = 100 * filtered[c];
        }
        int before = dev.wfnet.model.Classifier.argMax(original);
        int after = dev.wfnet.model.Classifier.argMax(filtered);
        String explained = dropped.saliency() == null ? "no saliency: the architecture has no convolutional layer"
                : "overlay: alpha saliency of " + names.get(dropped.explainedClass());
        droppedText.setText(String.format(Locale.ROOT, "%s%noriginal: %s (%.1f%%)%nfiltered: %s (%.1f%%)%n%s",
                dropped.name(), names.get(before), 100 * original[before], names.get(after), 100 * filtered[after],
                explained));
        probabilities.setVisible(true);
        probabilities.show(BarFigure.of("Class probabilities of " + dropped.name(), "class", "probability (%)",
                names, List.of(new BarFigure.Series("original", originalPercent),
                        new BarFigure.Series("filtered", filteredPercent))).withRange(0, 100).toChart());
    }

    private static double mean(double[] values) {
        return java.util.Arrays.stream(values).average().orElse(Double.NaN);
    }
}
