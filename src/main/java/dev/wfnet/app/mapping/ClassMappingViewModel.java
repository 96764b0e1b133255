package dev.wfnet.app.mapping;

import com.google.gson.JsonObject;
import dev.wfnet.app.background.ErrorReporter;
import dev.wfnet.app.background.JobRunner;
import dev.wfnet.app.common.BankAnalysis;
import dev.wfnet.app.common.ViewState;
import dev.wfnet.app.workspace.WorkspaceViewModel;
import dev.wfnet.explain.AlphaReport;
import dev.wfnet.explain.AlphaView;
import dev.wfnet.explain.ClassFilterMap;
import dev.wfnet.explain.ExplainSettings;
import dev.wfnet.explain.FilterEntry;
import dev.wfnet.explain.FilterRanking;
import dev.wfnet.figures.BarFigure;
import dev.wfnet.figures.ExplainFigures;
import dev.wfnet.figures.HeatmapFigure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the Class-filter mapping view shows: the class similarity in clustering order, the
 * filters a chosen class switches off most in each layer, shared versus exclusive filters per
 * layer. The whole {@link AlphaReport} is computed in the background at the threshold; the
 * ranking of the table is re-applied on the FX thread (it only sorts per-filter scores).
 */
public final class ClassMappingViewModel implements ViewState {
    /** Filters listed per layer for the chosen class. */
    public static final int TOP_K = 8;

    private final BankAnalysis<AlphaReport> analysis;
    private final ObservableList<String> classes = FXCollections.observableArrayList();
    private final StringProperty chosenClass = new SimpleStringProperty(this, "chosenClass");
    private final BooleanProperty jaccard = new SimpleBooleanProperty(this, "jaccard");
    private final ObjectProperty<FilterRanking> ranking =
            new SimpleObjectProperty<>(this, "ranking", FilterRanking.LOWEST_ALPHA);
    private final ObservableList<FilterRow> filters = FXCollections.observableArrayList();

    public ClassMappingViewModel(WorkspaceViewModel workspace, JobRunner runner, ErrorReporter errors) {
        this.analysis = new BankAnalysis<>(workspace, runner, errors, "Computing class similarity and filter map",
                (view, threshold) -> AlphaReport.analyse(view,
                        new ExplainSettings(threshold, TOP_K, FilterRanking.LOWEST_ALPHA)));
        analysis.viewProperty().addListener((property, before, now) -> viewChanged(now));
        analysis.resultProperty().addListener((property, before, now) -> refreshFilters());
        chosenClass.addListener((property, before, now) -> refreshFilters());
        ranking.addListener((property, before, now) -> refreshFilters());
        viewChanged(analysis.viewProperty().get());
        refreshFilters();
    }

    public ReadOnlyBooleanProperty bankOpenProperty() {
        return analysis.bankOpenProperty();
    }

    public ReadOnlyObjectProperty<AlphaReport> reportProperty() {
        return analysis.resultProperty();
    }

    public DoubleProperty thresholdProperty() {
        return analysis.thresholdProperty();
    }

    /** The bank's classes in row order. */
    public ObservableList<String> classes() {
        return FXCollections.unmodifiableObservableList(classes);
    }

    /** The class whose filters the table lists (a name, so a combo box can hold it directly). */
    public StringProperty chosenClassProperty() {
        return chosenClass;
    }

    /** The bank row of the chosen class, -1 without a bank. */
    public int chosenRow() {
        return classes.indexOf(chosenClass.get());
    }

    /** Jaccard of the switched-off sets instead of cosine of {@code 1 - alpha}. */
    public BooleanProperty jaccardProperty() {
        return jaccard;
    }

    public ObjectProperty<FilterRanking> rankingProperty() {
        return ranking;
    }

    /** The chosen class's top filters, layer by layer. */
    public ObservableList<FilterRow> filters() {
        return FXCollections.unmodifiableObservableList(filters);
    }

    /** The map at the current ranking, empty before the first report. */
    public Optional<ClassFilterMap> filterMap() {
        return Optional.ofNullable(reportProperty().get())
                .map(report -> ClassFilterMap.compute(report.statistics(), TOP_K, ranking.get()));
    }

    public Optional<HeatmapFigure> similarityFigure() {
        return Optional.ofNullable(reportProperty().get())
                .map(report -> ExplainFigures.similarityHeatmap(report.similarity(), jaccard.get()));
    }

    public Optional<BarFigure> sharingFigure() {
        return filterMap().map(map -> {
            BarFigure bars = ExplainFigures.sharingBars(map);
            double most = bars.series().stream().flatMapToDouble(s -> java.util.Arrays.stream(s.values())).max()
                    .orElse(0);
            // zero everywhere (nothing below the threshold) would make the axis span +-5e-9
            return bars.withRange(0, Math.max(1, most) * 1.1);
        });
    }

    @Override
    public JsonObject saveState() {
        JsonObject state = new JsonObject();
        if (chosenClass.get() != null) {
            state.addProperty("class", chosenClass.get());
        }
        state.addProperty("measure", jaccard.get() ? "jaccard" : "cosine");
        state.addProperty("ranking", ranking.get().label());
        state.addProperty("threshold", thresholdProperty().get());
        return state;
    }

    @Override
    public void restoreState(JsonObject state) {
        if (state.has("class") && classes.contains(state.get("class").getAsString())) {
            chosenClass.set(state.get("class").getAsString());
        }
        if (state.has("measure")) {
            jaccard.set("jaccard".equals(state.get("measure").getAsString()));
        }
        if (state.has("ranking")) {
            ranking.set(FilterRanking.parse(state.get("ranking").getAsString()));
        }
        if (state.has("threshold")) {
            thresholdProperty().set(state.get("threshold").getAsDouble());
        }
    }

    private void viewChanged(AlphaView view) {
        String keep = chosenClass.get();
        classes.setAll(view == null ? List.of() : view.rows().names());
        chosenClass.set(classes.contains(keep) ? keep : classes.isEmpty() ? null : classes.get(0));
    }

    private void refreshFilters() {
        Optional<ClassFilterMap> map = filterMap();
        int row = chosenRow();
        if (map.isEmpty() || row < 0 || row >= map.get().rows().size()) {
            filters.clear();
            return;
        }
        List<FilterRow> rows = new ArrayList<>();
        for (var layer : map.get().sharing()) {
            int rank = 1;
            for (FilterEntry entry : map.get().filters(row, layer.layer()).filters()) {
                rows.add(new FilterRow(layer.layer(), rank++, entry.filter(), entry.meanAlpha(), entry.specificity()));
            }
        }
        filters.setAll(rows);
    }
}
