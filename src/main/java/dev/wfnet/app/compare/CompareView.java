package dev.wfnet.app.compare;

import static dev.wfnet.app.common.Labels.caption;
import static dev.wfnet.app.common.Labels.heading;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.wfnet.app.common.ChartPane;
import dev.wfnet.app.common.Icons;
import dev.wfnet.app.common.ViewBase;
import dev.wfnet.app.common.ViewContent;
import dev.wfnet.app.common.ViewContext;
import dev.wfnet.app.workspace.Workspace;
import dev.wfnet.eval.compare.Column;
import dev.wfnet.eval.compare.ComparisonReport;
import dev.wfnet.eval.compare.Method;
import dev.wfnet.eval.compare.Stat;
import dev.wfnet.figures.CompareFigures;
import dev.wfnet.io.Json;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;

/**
 * Compare: WF-Net against Retrain and the baselines. Choose methods, classes and seeds on the left,
 * Run; the table of metrics (the best per column in bold) fills in as runs finish, and for a chosen
 * forgotten class the per-class accuracy of every method, how each re-labels the class and the
 * membership-inference histogram of its training images.
 */
public final class CompareView extends ViewBase<CompareViewModel> {
    public static final String TITLE = "Compare";
    private final ViewContext context;
    private final VBox methodChecks = new VBox(4);
    private final VBox classChecks = new VBox(4);
    private final TableView<MethodRow> table = new TableView<>();
    private final ComboBox<String> shownClass = new ComboBox<>();
    private final ChartPane time;
    private final ChartPane accuracy;
    private final ChartPane predictions;
    private final ChartPane mia;
    private int[] shownClasses = new int[0];

    public CompareView(ViewContext context) {
        super(TITLE, Icons.COMPARE, new CompareViewModel(context.workspace(), context.training(), context.errors()));
        this.context = context;
        this.time = context.chartPane("compare-time");
        this.accuracy = context.chartPane("compare-per-class-accuracy");
        this.predictions = context.chartPane("compare-predictions");
        this.mia = context.chartPane("compare-mia-histogram");
        root.setLeft(new ScrollPane(choices()));
        root.setCenter(results());
        context.workspace().workspaceProperty().addListener((property, before, now) -> rebuildChecks(now));
        model.reportProperty().addListener((property, before, now) -> showReport(now));
        shownClass.setOnAction(event -> showFigures(model.reportProperty().get()));
        rebuildChecks(context.workspace().current());
    }

    /** The table's rows as shown, for tests. */
    public List<MethodRow> rows() {
        return List.copyOf(table.getItems());
    }

    @Override
    public ViewContent content() {
        ComparisonReport report = model.reportProperty().get();
        if (report == null) {
            return ViewContent.empty();
        }
        Map<String, JFreeChart> figures = new LinkedHashMap<>(CompareFigures.charts(report));
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("compare.json", Json.pretty(report.toJson()));
        tables.put("compare-runs.csv", report.toCsv());
        tables.put("compare.md", report.toMarkdown());
        return new ViewContent(figures, tables);
    }

    @Override
    public JsonObject saveState() {
        JsonObject state = new JsonObject();
        JsonArray methods = new JsonArray();
        model.methods().forEach(method -> methods.add(method.id()));
        state.add("methods", methods);
        JsonArray classes = new JsonArray();
        model.classes().forEach(classes::add);
        state.add("classes", classes);
        state.addProperty("seeds", model.seedsProperty().get());
        state.addProperty("settings", model.settingsTextProperty().get());
        return state;
    }

    @Override
    public void restoreState(JsonObject state) {
        if (state.has("methods")) {
            Set<Method> methods = EnumSet.noneOf(Method.class);
            state.getAsJsonArray("methods").forEach(id -> methods.add(Method.parse(id.getAsString())));
            model.methods().retainAll(methods);
            model.methods().addAll(methods);
        }
        if (state.has("classes")) {
            model.classes().clear();
            state.getAsJsonArray("classes").forEach(c -> model.classes().add(c.getAsInt()));
        }
        if (state.has("settings")) {
            model.settingsTextProperty().set(state.get("settings").getAsString());
        }
        if (state.has("seeds")) {
            model.seedsProperty().set(state.get("seeds").getAsInt());
        }
        rebuildChecks(context.workspace().current());
    }

    private Node choices() {
        Spinner<Integer> seeds = new Spinner<>(1, 10, model.seedsProperty().get());
        seeds.getValueFactory().valueProperty().addListener((property, was, now) -> model.seedsProperty().set(now));
        model.seedsProperty().addListener((property, was, now) -> seeds.getValueFactory().setValue(now.intValue()));
        seeds.setPrefWidth(80);
        TextField settings = new TextField(model.settingsTextProperty().get());
        settings.setPromptText("e.g. retrain.epochs=10 ft.lr=0.02");
        settings.setTooltip(new Tooltip("Baseline settings as wfnet compare --set takes them (README, \"The "
                + "methods\"); a model trained elsewhere needs retrain.epochs and its other training settings"));
        settings.textProperty().bindBidirectional(model.settingsTextProperty());
        Label settingsProblem = new Label();
        settingsProblem.textProperty().bind(model.settingsProblemProperty());
        settingsProblem.getStyleClass().add("wf-problems");
        settingsProblem.setWrapText(true);
        Button run = new Button("Run", Icons.START.node());
        run.setOnAction(event -> model.run());
        run.disableProperty().bind(model.runningProperty().or(model.settingsProblemProperty().isNotEmpty()));
        Button cancel = new Button("Cancel", Icons.STOP.node());
        cancel.setOnAction(event -> model.cancel());
        cancel.disableProperty().bind(model.runningProperty().not());
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(model.progressProperty());
        bar.visibleProperty().bind(model.runningProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        Label status = new Label();
        status.textProperty().bind(model.statusProperty());
        status.setWrapText(true);
        VBox pane = new VBox(8, heading("Compare"), caption("WF-Net against Retrain (the gold standard) and the "
                        + "baselines; every class is forgotten alone. Runs measured before appear at once; retrained "
                        + "models are cached in " + model.cacheDirectory() + "."),
                heading("Methods"), methodChecks, heading("Classes"), classChecks,
                new HBox(6, new Label("Seeds"), seeds), new Label("Settings"), settings, settingsProblem,
                new HBox(6, run, cancel), bar, status);
        pane.setPrefWidth(250);
        pane.setPadding(new Insets(0, 10, 0, 0));
        return pane;
    }

    private Node results() {
        for (Column column : Column.values()) {
            TableColumn<MethodRow, String> cells = new TableColumn<>(column.label()
                    + (column.percent() || column == Column.GAP ? " (%)" : ""));
            cells.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().cells().get(column)));
            cells.setCellFactory(c -> new BestCell(column));
            table.getColumns().add(cells);
        }
        TableColumn<MethodRow, String> method = new TableColumn<>("Method");
        method.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().method().label()));
        table.getColumns().add(0, method);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Choose methods and classes, then Run."));
        VBox tableBox = new VBox(4, heading("Metrics (mean ± std over classes and seeds; best in bold)"), table,
                new HBox(6, new Label("Figures of the class"), shownClass));
        VBox.setVgrow(table, Priority.ALWAYS);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        // the table across the whole width (nine columns of "mean ± std" need it), the four figures below
        List<Node> figures = List.of(time, accuracy, predictions, mia);
        grid.add(tableBox, 0, 0, figures.size(), 1);
        for (int i = 0; i < figures.size(); i++) {
            grid.add(figures.get(i), i, 1);
            ColumnConstraints quarter = new ColumnConstraints();
            quarter.setPercentWidth(100.0 / figures.size());
            quarter.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(quarter);
        }
        grid.getRowConstraints().addAll(rowOf(42), rowOf(58));
        return grid;
    }

    private static RowConstraints rowOf(double percent) {
        RowConstraints row = new RowConstraints();
        row.setPercentHeight(percent);
        row.setVgrow(Priority.ALWAYS);
        return row;
    }

    private void rebuildChecks(Workspace now) {
        methodChecks.getChildren().clear();
        for (Method method : Method.values()) {
            boolean noBank = method == Method.WFNET && (now == null || now.bank().isEmpty());
            CheckBox box = check(noBank ? "WF-Net (open a bank)" : method.label(), model.methods().contains(method),
                    selected -> toggle(model.methods(), method, selected));
            box.setDisable(noBank);
            methodChecks.getChildren().add(box);
        }
        classChecks.getChildren().clear();
        if (now == null) {
            classChecks.getChildren().add(caption("Open a model first."));
            return;
        }
        for (int c = 0; c < now.classNames().size(); c++) {
            int modelClass = c;
            classChecks.getChildren().add(check(now.classNames().get(c), model.classes().contains(c),
                    selected -> toggle(model.classes(), modelClass, selected)));
        }
    }

    private static CheckBox check(String text, boolean selected, java.util.function.Consumer<Boolean> onChange) {
        CheckBox box = new CheckBox(text);
        box.setSelected(selected);
        box.selectedProperty().addListener((property, was, now) -> onChange.accept(now));
        return box;
    }

    private static <T> void toggle(Set<T> set, T value, boolean selected) {
        if (selected) {
            set.add(value);
        } else {
            set.remove(value);
        }
    }

    private void showReport(ComparisonReport report) {
        if (report == null) {
            table.getItems().clear();
            shownClasses = new int[0];
            shownClass.getItems().clear();
            return;
        }
        List<MethodRow> rows = new ArrayList<>();
        Map<Column, Set<Method>> best = new EnumMap<>(Column.class);
        for (Column column : Column.values()) {
            best.put(column, report.best(column, OptionalInt.empty()));
        }
        for (Method method : report.methods()) {
            Map<Column, String> cells = new EnumMap<>(Column.class);
            Set<Column> bestHere = EnumSet.noneOf(Column.class);
            for (Column column : Column.values()) {
                cells.put(column, cell(report, method, column));
                if (best.get(column).contains(method)) {
                    bestHere.add(column);
                }
            }
            rows.add(new MethodRow(method, cells, bestHere));
        }
        table.getItems().setAll(rows);
        int[] classes = report.classes();
        if (!java.util.Arrays.equals(classes, shownClasses)) {
            String chosen = shownClass.getValue();
            shownClasses = classes;
            shownClass.getItems().setAll(java.util.Arrays.stream(classes)
                    .mapToObj(c -> report.context().classNames().get(c)).toList());
            shownClass.setValue(chosen != null && shownClass.getItems().contains(chosen) ? chosen
                    : shownClass.getItems().get(0));
        }
        showFigures(report);
    }

    private static String cell(ComparisonReport report, Method method, Column column) {
        if (method == Method.WFNET && column == Column.RTE) {
            return String.format(java.util.Locale.ROOT, "%.0f for all %d", report.context().bankTrainingSeconds(),
                    report.context().bankClasses());
        }
        Stat stat = report.stat(method, column, OptionalInt.empty());
        if (stat.count() == 0 || Double.isNaN(stat.mean())) {
            return "n/a";
        }
        return stat.count() == 1 ? column.format(stat.mean())
                : column.format(stat.mean()) + " ± " + column.format(stat.std());
    }

    private void showFigures(ComparisonReport report) {
        if (report == null || shownClass.getValue() == null) {
            return;
        }
        int forgetClass = shownClasses[Math.max(0, shownClass.getItems().indexOf(shownClass.getValue()))];
        time.show(CompareFigures.timeBars(report).toChart());
        accuracy.show(CompareFigures.perClassAccuracy(report, forgetClass).toChart());
        predictions.show(CompareFigures.predictionMatrix(report, forgetClass).toChart());
        mia.show(CompareFigures.miaHistogram(report, forgetClass).toChart());
    }

    /** A cell that is bold where its method is the best of the column. */
    private static final class BestCell extends TableCell<MethodRow, String> {
        private final Column column;

        BestCell(Column column) {
            this.column = column;
        }

        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            setText(empty ? null : text);
            MethodRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
            getStyleClass().remove("wf-best");
            if (row != null && row.best().contains(column)) {
                getStyleClass().add("wf-best");
            }
        }
    }
}
