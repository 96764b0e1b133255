package dev.wfnet.app.mapping;

import dev.wfnet.app.common.BankPlaceholder;
import dev.wfnet.app.common.ChartPane;
import dev.wfnet.app.common.Icons;
import static dev.wfnet.app.common.Labels.caption;
import static dev.wfnet.app.common.Labels.heading;
import dev.wfnet.app.common.ThresholdSlider;
import dev.wfnet.app.common.ViewContent;
import dev.wfnet.app.common.ViewContext;
import dev.wfnet.app.common.ViewBase;
import dev.wfnet.explain.AlphaReport;
import dev.wfnet.explain.ClassFilterMap;
import dev.wfnet.explain.FilterRanking;
import dev.wfnet.figures.FigureStyle;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.title.TextTitle;

/** Class-filter mapping: class similarity, the chosen class's filters, shared versus exclusive filters. */
public final class ClassMappingView extends ViewBase<ClassMappingViewModel> {
    public static final String TITLE = "Class-filter mapping";
    private static final String COSINE = "cosine of 1 - alpha";
    private static final String JACCARD = "Jaccard of switched-off alphas";

    private final ChartPane similarity;
    private final ChartPane sharing;

    public ClassMappingView(ViewContext context) {
        super(TITLE, Icons.MAPPING, new ClassMappingViewModel(context.workspace(), context.interactive(), context.errors()));
        this.similarity = context.chartPane("class-similarity");
        this.sharing = context.chartPane("filter-sharing");
        VBox right = new VBox(6, heading("Filters the class switches off most"), controls(), table(),
                heading("Shared versus exclusive filters"), sharing);
        VBox.setVgrow(sharing, Priority.ALWAYS);
        right.setPadding(new Insets(0, 0, 0, 8));
        VBox left = new VBox(6, heading("Class similarity"), caption("Classes in clustering order (average"
                + " linkage on 1 - cosine): classes forgotten by switching off the same weights sit together."),
                measureRow(), similarity);
        VBox.setVgrow(similarity, Priority.ALWAYS);
        left.setPadding(new Insets(0, 8, 0, 0));
        SplitPane split = new SplitPane(left, right);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.5);
        root.setCenter(BankPlaceholder.around(split, model.bankOpenProperty()));
        model.reportProperty().addListener((property, before, now) -> showCharts());
        model.jaccardProperty().addListener((property, before, now) -> showCharts());
        model.rankingProperty().addListener((property, before, now) -> showCharts());
        showCharts();
    }

    @Override
    public ViewContent content() {
        AlphaReport report = model.reportProperty().get();
        if (report == null) {
            return ViewContent.empty();
        }
        ClassFilterMap map = model.filterMap().orElseThrow();
        return ViewContent.builder().figure(similarity).figure(sharing)
                .table("class-similarity.csv", report.similarity().toCsv())
                .json("class-similarity.json", report.similarity().toJson())
                .table("class-filter-map.csv", map.toCsv()).table("filter-sharing.csv", map.sharingCsv())
                .json("class-filter-map.json", map.toJson()).build();
    }

    private void showCharts() {
        model.similarityFigure().ifPresent(figure -> similarity.show(figure.toChart()));
        model.sharingFigure().ifPresent(figure -> {
            JFreeChart chart = figure.toChart();
            // filters are counted: no tick at 0.1 of a filter
            chart.getCategoryPlot().getRangeAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            if (figure.series().stream().allMatch(s -> Arrays.stream(s.values()).allMatch(v -> v == 0))) {
                chart.addSubtitle(new TextTitle("No filter's mean alpha is below the threshold: raise it to see"
                        + " which filters the classes share", FigureStyle.LABEL_FONT));
            }
            sharing.show(chart);
        });
    }

    private Node measureRow() {
        ComboBox<String> measure = new ComboBox<>();
        measure.getItems().setAll(COSINE, JACCARD);
        measure.setValue(model.jaccardProperty().get() ? JACCARD : COSINE);
        measure.setOnAction(event -> model.jaccardProperty().set(JACCARD.equals(measure.getValue())));
        model.jaccardProperty().addListener((property, before, now) -> measure.setValue(now ? JACCARD : COSINE));
        HBox row = new HBox(8, new Label("Similarity"), measure);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Node controls() {
        ComboBox<String> classes = new ComboBox<>(model.classes());
        classes.valueProperty().bindBidirectional(model.chosenClassProperty());
        ComboBox<FilterRanking> ranking = new ComboBox<>();
        ranking.getItems().setAll(FilterRanking.values());
        ranking.valueProperty().bindBidirectional(model.rankingProperty());
        ranking.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(FilterRanking value) {
                return value == null ? "" : value == FilterRanking.LOWEST_ALPHA ? "lowest mean alpha"
                        : "highest specificity";
            }

            @Override
            public FilterRanking fromString(String text) {
                return null;
            }
        });
        HBox row = new HBox(8, new Label("Class"), classes, new Label("Rank by"), ranking);
        row.setAlignment(Pos.CENTER_LEFT);
        ThresholdSlider threshold = new ThresholdSlider(model.thresholdProperty());
        return new VBox(6, row, threshold, caption("A filter is switched off when its mean alpha is below the"
                + " threshold; exclusive when one class alone switches it off."));
    }

    private Node table() {
        TableView<FilterRow> table = new TableView<>(model.filters());
        table.getColumns().add(column("Layer", 140, FilterRow::layer));
        table.getColumns().add(column("Rank", 50, FilterRow::rank));
        table.getColumns().add(column("Filter", 60, FilterRow::filter));
        table.getColumns().add(column("Mean alpha", 100,
                row -> String.format(Locale.ROOT, "%.4f", row.meanAlpha())));
        table.getColumns().add(column("Specificity", 100,
                row -> String.format(Locale.ROOT, "%+.4f", row.specificity())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("The class switches no filter off."));
        table.setPrefHeight(260);
        VBox.setVgrow(table, Priority.SOMETIMES);
        return table;
    }

    private static TableColumn<FilterRow, String> column(String title, double width,
                                                         Function<FilterRow, Object> value) {
        TableColumn<FilterRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(String.valueOf(value.apply(cell.getValue()))));
        return column;
    }
}
