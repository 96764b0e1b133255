package dev.wfnet.app.alphamaps;

import dev.wfnet.app.common.BankPlaceholder;
import dev.wfnet.app.common.ChartPane;
import dev.wfnet.app.common.Icons;
import static dev.wfnet.app.common.Labels.caption;
import static dev.wfnet.app.common.Labels.heading;
import dev.wfnet.app.common.ThresholdSlider;
import dev.wfnet.app.common.ViewContent;
import dev.wfnet.app.common.ViewContext;
import dev.wfnet.app.common.ViewBase;
import dev.wfnet.explain.AlphaStatistics;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.jfree.chart.plot.XYPlot;

/** Alpha maps: a layer's classes x filters heatmap, a chosen filter's kernel, per-class sparsity. */
public final class AlphaMapsView extends ViewBase<AlphaMapsViewModel> {
    public static final String TITLE = "Alpha maps";
    /** Width of one filter column: wide layers scroll instead of squeezing columns to a pixel. */
    static final double COLUMN_WIDTH = 8;
    /** Room for the class names, the legend and the margins around the columns. */
    static final double MAP_MARGIN = 260;

    private final ChartPane map;
    private final ChartPane kernel;
    private final ChartPane sparsity;
    private final Label kernelHint = caption("Click a cell of the map to see that filter's kernel alphas.");

    public AlphaMapsView(ViewContext context) {
        super(TITLE, Icons.ALPHA_MAPS, new AlphaMapsViewModel(context.workspace(), context.interactive(), context.errors()));
        this.map = context.chartPane("alpha-map");
        this.kernel = context.chartPane("alpha-kernel");
        this.sparsity = context.chartPane("alpha-sparsity");
        map.viewer().addChartMouseListener(new ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(ChartMouseEventFX event) {
                if (event.getEntity() instanceof XYItemEntity item) {
                    chooseItem(item.getItem());
                }
            }

            @Override
            public void chartMouseMoved(ChartMouseEventFX event) {
            }
        });
        SplitPane below = new SplitPane(kernelBox(), sparsityBox());
        below.setDividerPositions(0.45);
        SplitPane split = new SplitPane(mapBox(), below);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        root.setCenter(BankPlaceholder.around(split, model.bankOpenProperty()));
        model.statisticsProperty().addListener((property, before, now) -> {
            showMap();
            showSparsity();
        });
        model.layerProperty().addListener((property, before, now) -> showMap());
        model.orderProperty().addListener((property, before, now) -> showMap());
        model.stretchProperty().addListener((property, before, now) -> {
            showMap();
            showKernel();
        });
        model.cellProperty().addListener((property, before, now) -> showKernel());
        showMap();
        showSparsity();
        showKernel();
    }

    /** What a click on the map does, for a cell given by item index (row-major over the shown columns). */
    public void chooseItem(int item) {
        model.heatmap().ifPresent(shown -> model.choose(item / shown.columns(), item % shown.columns()));
    }

    @Override
    public ViewContent content() {
        AlphaStatistics statistics = model.statisticsProperty().get();
        if (statistics == null) {
            return ViewContent.empty();
        }
        ViewContent.Builder content = ViewContent.builder().figure(map);
        if (model.cellProperty().get() != null) {
            content.figure(kernel);
        }
        return content.figure(sparsity).table("alpha-filter-scores.csv", statistics.filtersCsv())
                .table("alpha-sparsity.csv", statistics.toCsv()).json("alpha-sparsity.json", statistics.toJson())
                .build();
    }

    private void showMap() {
        model.heatmap().ifPresent(shown -> {
            JFreeChart chart = shown.figure().toChart();
            ((XYPlot) chart.getPlot()).getRenderer().setDefaultToolTipGenerator(
                    (dataset, series, item) -> shown.describe(item / shown.columns(), item % shown.columns()));
            map.setMinWidth(MAP_MARGIN + COLUMN_WIDTH * shown.columns());
            map.show(chart);
        });
    }

    private void showKernel() {
        var figure = model.kernelFigure();
        figure.ifPresent(shown -> kernel.show(shown.toChart()));
        kernel.setVisible(figure.isPresent());
        kernelHint.setVisible(figure.isEmpty());
    }

    private void showSparsity() {
        model.sparsityFigure().ifPresent(figure -> sparsity.show(figure.toChart()));
    }

    private Node mapBox() {
        ComboBox<String> layers = new ComboBox<>(model.layers());
        layers.valueProperty().bindBidirectional(model.layerProperty());
        ComboBox<FilterOrder> order = new ComboBox<>();
        order.getItems().setAll(FilterOrder.values());
        order.valueProperty().bindBidirectional(model.orderProperty());
        Button reset = new Button("Reset zoom");
        reset.setOnAction(event -> map.resetZoom());
        CheckBox stretch = new CheckBox("Stretch colours to the values shown");
        stretch.selectedProperty().bindBidirectional(model.stretchProperty());
        HBox controls = new HBox(8, new Label("Layer"), layers, new Label("Filters"), order, stretch, reset);
        controls.setAlignment(Pos.CENTER_LEFT);
        ScrollPane scroll = new ScrollPane(map);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("wf-scroll");
        VBox box = new VBox(6, heading("Mean alpha per filter"), caption("Dark: the class's row switches the"
                + " filter off. Hover a cell for its numbers, drag to zoom, click a cell for its kernel."),
                controls, scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        box.setPadding(new Insets(0, 0, 8, 0));
        return box;
    }

    private Node kernelBox() {
        javafx.scene.layout.StackPane stack = new javafx.scene.layout.StackPane(kernel, kernelHint);
        VBox box = new VBox(6, heading("Kernel of the chosen filter"), stack);
        VBox.setVgrow(stack, Priority.ALWAYS);
        box.setPadding(new Insets(8, 8, 0, 0));
        return box;
    }

    private Node sparsityBox() {
        ThresholdSlider slider = new ThresholdSlider(model.thresholdProperty());
        VBox box = new VBox(6, heading("Sparsity per class"), slider, sparsity);
        VBox.setVgrow(sparsity, Priority.ALWAYS);
        box.setPadding(new Insets(8, 0, 0, 8));
        return box;
    }
}
