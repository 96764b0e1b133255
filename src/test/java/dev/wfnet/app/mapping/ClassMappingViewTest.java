package dev.wfnet.app.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.app.MainWindow;
import dev.wfnet.app.ViewChecks;
import dev.wfnet.app.WindowTest;
import dev.wfnet.app.common.ViewExport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ClassMappingViewTest {
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = WindowTest.openOnSample(stage);
    }

    private ClassMappingView awaitView() throws Exception {
        WindowTest.awaitOpen(window);
        ClassMappingView view = ViewChecks.view(window, ClassMappingView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.viewModel().reportProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        return view;
    }

    @Test
    void opensOnTheSampleWithTheSimilarityOfEveryPairOfClasses(FxRobot robot) throws Exception {
        ClassMappingView view = awaitView();
        var plot = (XYPlot) view.content().figures().get("class-similarity").getPlot();
        assertEquals(100, plot.getDataset().getItemCount(0));
        // the README's screenshot: a threshold at which the sample's filters are shared or exclusive
        robot.interact(() -> {
            view.viewModel().thresholdProperty().set(0.9);
            view.viewModel().chosenClassProperty().set("Sandal");
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> view.viewModel().reportProperty().get().similarity().threshold() == 0.9);
        WaitForAsyncUtils.waitForFxEvents();
        ViewChecks.snapshot(robot, stage, ClassMappingView.TITLE,
                Path.of("target/screenshots/class-filter-mapping.png"));
    }

    @Test
    void choosingAnotherClassListsItsFilters(FxRobot robot) throws Exception {
        ClassMappingView view = awaitView();
        TableView<?> table = robot.from(view.node()).lookup(".table-view").queryAs(TableView.class);
        List<?> before = List.copyOf(table.getItems());
        @SuppressWarnings("unchecked")
        ComboBox<String> classes = robot.from(view.node()).lookup(".combo-box")
                .match(node -> ((ComboBox<?>) node).getItems().contains("Bag")).queryAs(ComboBox.class);
        robot.interact(() -> classes.getSelectionModel().select("Bag"));
        assertEquals(8, view.viewModel().chosenRow());
        assertNotEquals(before, List.copyOf(table.getItems()));
        // the table shows, per layer, the (at most eight) filters Bag's row switches off most: the
        // lowest mean alphas below 1 of row 8, lowest first, counted here from the bank's scores
        var statistics = view.viewModel().reportProperty().get().statistics();
        List<FilterRow> shown = table.getItems().stream().map(FilterRow.class::cast).toList();
        for (String layer : statistics.layerNames()) {
            var scores = statistics.scores(layer);
            List<Double> expected = java.util.stream.IntStream.range(0, scores.filters())
                    .mapToDouble(f -> scores.meanAlpha(8, f)).filter(mean -> 1 - mean > 1e-9).sorted().limit(8)
                    .boxed().toList();
            List<FilterRow> rows = shown.stream().filter(row -> row.layer().equals(layer)).toList();
            assertEquals(expected, rows.stream().map(FilterRow::meanAlpha).toList(), layer);
            for (FilterRow row : rows) {
                assertEquals(scores.meanAlpha(8, row.filter()), row.meanAlpha(), 0, layer + " filter " + row.filter());
            }
            assertEquals(java.util.stream.IntStream.rangeClosed(1, rows.size()).boxed().toList(),
                    rows.stream().map(FilterRow::rank).toList(), layer + " ranks");
        }
        assertFalse(shown.isEmpty());
        // the session keeps the choice: the view's state is its view model's
        assertEquals("Bag", view.saveState().get("class").getAsString());
        robot.interact(() -> {
            com.google.gson.JsonObject state = view.saveState();
            state.addProperty("class", "Coat");
            view.restoreState(state);
        });
        assertEquals(4, view.viewModel().chosenRow());
    }

    @Test
    void exportWritesValidFiguresAndTheNumbers(@TempDir Path folder) throws Exception {
        ClassMappingView view = awaitView();
        var written = ViewExport.writeAll(view.content(), folder);
        assertEquals(2 * 3 + 5, written.size());
        ViewChecks.assertValidFigure(folder, "class-similarity");
        ViewChecks.assertValidFigure(folder, "filter-sharing");
        assertTrue(Files.readString(folder.resolve("filter-sharing.csv")).startsWith("layer,filters,threshold"));
    }
}
