package dev.wfnet.app.alphamaps;

import com.google.gson.JsonObject;
import dev.wfnet.app.background.ErrorReporter;
import dev.wfnet.app.background.JobRunner;
import dev.wfnet.app.common.BankAnalysis;
import dev.wfnet.app.common.ViewState;
import dev.wfnet.app.workspace.WorkspaceViewModel;
import dev.wfnet.explain.AlphaStatistics;
import dev.wfnet.explain.AlphaView;
import dev.wfnet.explain.FilterScores;
import dev.wfnet.explain.LayerAlphas;
import dev.wfnet.figures.BarFigure;
import dev.wfnet.figures.ColorMap;
import dev.wfnet.figures.ColorScale;
import dev.wfnet.figures.ExplainFigures;
import dev.wfnet.figures.HeatmapFigure;
import dev.wfnet.unlearn.FilteredTensor;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the Alpha maps view shows: per filtered layer, the classes x filters map of mean alphas in
 * index or specificity order; the kernel alphas of a chosen cell; the per-class sparsity at a
 * threshold. The statistics come from {@code explain} through a {@link BankAnalysis}; figures are
 * built on demand from the current statistics (cheap: at most a few hundred filters per layer).
 */
public final class AlphaMapsViewModel implements ViewState {
    /**
     * A chosen cell of the map.
     *
     * @param row the bank row (the class forgotten)
     * @param filter the filter index in the layer (not the column)
     */
    public record Cell(int row, int filter) {
    }

    private final BankAnalysis<AlphaStatistics> analysis;
    private final ObservableList<String> layers = FXCollections.observableArrayList();
    private final StringProperty layer = new SimpleStringProperty(this, "layer");
    private final ObjectProperty<FilterOrder> order = new SimpleObjectProperty<>(this, "order", FilterOrder.INDEX);
    private final ReadOnlyObjectWrapper<Cell> cell = new ReadOnlyObjectWrapper<>(this, "cell");
    private final BooleanProperty stretch = new SimpleBooleanProperty(this, "stretch", true);

    public AlphaMapsViewModel(WorkspaceViewModel workspace, JobRunner runner, ErrorReporter errors) {
        this.analysis = new BankAnalysis<>(workspace, runner, errors, "Computing alpha statistics",
                AlphaStatistics::compute);
        analysis.viewProperty().addListener((property, before, now) -> viewChanged(now));
        layer.addListener((property, before, now) -> cell.set(null));
        viewChanged(analysis.viewProperty().get());
    }

    public ReadOnlyBooleanProperty bankOpenProperty() {
        return analysis.bankOpenProperty();
    }

    /** The latest statistics; every figure follows them. */
    public ReadOnlyObjectProperty<AlphaStatistics> statisticsProperty() {
        return analysis.resultProperty();
    }

    public DoubleProperty thresholdProperty() {
        return analysis.thresholdProperty();
    }

    /** The bank's filtered layers, in architecture order. */
    public ObservableList<String> layers() {
        return FXCollections.unmodifiableObservableList(layers);
    }

    public StringProperty layerProperty() {
        return layer;
    }

    public ObjectProperty<FilterOrder> orderProperty() {
        return order;
    }

    /**
     * Colours span the shown values instead of [0, 1]: a trained bank's alphas often all lie
     * near 1 (the sample's convolutions: 0.8 to 1), which on the full range is one flat colour.
     */
    public BooleanProperty stretchProperty() {
        return stretch;
    }

    /** The cell whose kernel is shown, or null. */
    public ReadOnlyObjectProperty<Cell> cellProperty() {
        return cell.getReadOnlyProperty();
    }

    /** Shows the kernel of the filter in a column of the current map (what a click does). */
    public void choose(int row, int column) {
        heatmap().ifPresent(map -> cell.set(new Cell(row, map.filterAt(column))));
    }

    /** The current layer's map, empty until statistics are there. */
    public Optional<FilterHeatmap> heatmap() {
        AlphaStatistics statistics = statisticsProperty().get();
        if (statistics == null || layer.get() == null) {
            return Optional.empty();
        }
        FilterScores scores = statistics.scores(layer.get());
        int[] filters = order.get().order(scores);
        int[] rows = IntStream.range(0, statistics.rows().size()).toArray();
        HeatmapFigure byIndex = ExplainFigures.filterAlphaHeatmap(statistics, layer.get(), rows);
        HeatmapFigure figure = byIndex;
        if (order.get() != FilterOrder.INDEX) {
            // columns permuted, so they are labelled with their filter numbers
            double[][] indexValues = byIndex.values();
            double[][] values = new double[rows.length][filters.length];
            for (int r = 0; r < rows.length; r++) {
                for (int c = 0; c < filters.length; c++) {
                    values[r][c] = indexValues[r][filters[c]];
                }
            }
            figure = HeatmapFigure.unitRange(byIndex.title() + " (filters by class-specificity)",
                    "filter (most class-specific first)", byIndex.rowAxisLabel(), byIndex.rowLabels(),
                    IntStream.of(filters).mapToObj(Integer::toString).toList(), values, byIndex.valueLabel());
        }
        return Optional.of(new FilterHeatmap(layer.get(), coloured(figure), filters, statistics.rows().names()));
    }

    /** The chosen filter's kernel alphas as a small heatmap, empty when no cell is chosen. */
    public Optional<HeatmapFigure> kernelFigure() {
        AlphaView view = analysis.viewProperty().get();
        Cell chosen = cell.get();
        if (view == null || chosen == null || layer.get() == null) {
            return Optional.empty();
        }
        LayerAlphas alphas = view.layer(layer.get());
        double[] kernel = new double[alphas.kernel()];
        for (int k = 0; k < kernel.length; k++) {
            kernel[k] = alphas.alpha(chosen.row(), chosen.filter(), k);
        }
        KernelGrid grid = kernelGrid(alphas.kernel());
        String title = String.format("Kernel alphas: %s filter %d, forgetting %s", layer.get(), chosen.filter(),
                view.rows().name(chosen.row()));
        return Optional.of(coloured(HeatmapFigure.unitRange(title, grid.columnAxis(), grid.rowAxis(), List.of(),
                grid.columnLabels(), grid.arrange(kernel), "alpha")));
    }

    /** Per class and layer, the fraction of alphas below the threshold. */
    public Optional<BarFigure> sparsityFigure() {
        return Optional.ofNullable(statisticsProperty().get()).map(ExplainFigures::fractionBelowBars);
    }

    @Override
    public JsonObject saveState() {
        JsonObject state = new JsonObject();
        if (layer.get() != null) {
            state.addProperty("layer", layer.get());
        }
        state.addProperty("order", order.get().name());
        state.addProperty("threshold", thresholdProperty().get());
        state.addProperty("stretch", stretch.get());
        return state;
    }

    @Override
    public void restoreState(JsonObject state) {
        if (state.has("layer") && layers.contains(state.get("layer").getAsString())) {
            layer.set(state.get("layer").getAsString());
        }
        if (state.has("order")) {
            order.set(FilterOrder.valueOf(state.get("order").getAsString()));
        }
        if (state.has("stretch")) {
            stretch.set(state.get("stretch").getAsBoolean());
        }
        if (state.has("threshold")) {
            thresholdProperty().set(state.get("threshold").getAsDouble());
        }
    }

    /** The figure on the colour range the stretch setting asks for. */
    private HeatmapFigure coloured(HeatmapFigure figure) {
        DoubleSummaryStatistics range = Arrays.stream(figure.values()).flatMapToDouble(Arrays::stream)
                .summaryStatistics();
        // a constant map (an untouched layer) keeps the full range: there is nothing to stretch
        if (!stretch.get() || range.getMax() - range.getMin() < 1e-6) {
            return figure;
        }
        return new HeatmapFigure(figure.title(), figure.columnAxisLabel(), figure.rowAxisLabel(), figure.rowLabels(),
                figure.columnLabels(), figure.values(), figure.valueLabel(),
                new ColorScale(ColorMap.VIRIDIS, range.getMin(), range.getMax()), false);
    }

    private KernelGrid kernelGrid(int kernel) {
        List<FilteredTensor> tensors = analysis.bank().orElseThrow().checkpoint().layout().tensors();
        for (int i = 0; i < tensors.size(); i++) {
            if (tensors.get(i).name().equals(layer.get())) {
                return KernelGrid.of(tensors.get(i), i == 0 ? null : tensors.get(i - 1), kernel);
            }
        }
        throw new IllegalStateException("the bank has no layer " + layer.get());
    }

    private void viewChanged(AlphaView view) {
        cell.set(null);
        if (view == null) {
            layers.clear();
            layer.set(null);
            return;
        }
        List<String> names = view.layers().stream().map(LayerAlphas::name).toList();
        String keep = layer.get();
        layers.setAll(names);
        layer.set(names.contains(keep) ? keep : names.get(0));
    }
}
