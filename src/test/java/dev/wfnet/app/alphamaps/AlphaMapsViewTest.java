package dev.wfnet.app.alphamaps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.app.MainWindow;
import dev.wfnet.app.ViewChecks;
import dev.wfnet.app.WindowTest;
import dev.wfnet.app.common.ViewExport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Slider;
import javafx.stage.Stage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class AlphaMapsViewTest {
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = WindowTest.openOnSample(stage);
    }

    private AlphaMapsView awaitView() throws Exception {
        WindowTest.awaitOpen(window);
        AlphaMapsView view = ViewChecks.view(window, AlphaMapsView.class);
        awaitThreshold(view, 0.5);
        return view;
    }

    private static void awaitThreshold(AlphaMapsView view, double threshold) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.viewModel().statisticsProperty().get() != null
                && view.viewModel().statisticsProperty().get().threshold() == threshold);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static int cells(JFreeChart chart) {
        return ((XYPlot) chart.getPlot()).getDataset().getItemCount(0);
    }

    private static double[] fractions(AlphaMapsView view, int series) {
        var dataset = ((CategoryPlot) view.content().figures().get("alpha-sparsity").getPlot()).getDataset();
        double[] values = new double[dataset.getColumnCount()];
        for (int c = 0; c < values.length; c++) {
            values[c] = dataset.getValue(series, c).doubleValue();
        }
        return values;
    }

    @Test
    void opensOnTheSampleWithTheFirstLayersClassesByFilters(FxRobot robot) throws Exception {
        AlphaMapsView view = awaitView();
        assertEquals(10 * 32, cells(view.content().figures().get("alpha-map")));
        // the README's screenshot: the widest layer, class-specific filters first, one kernel open
        robot.interact(() -> {
            view.viewModel().layerProperty().set("fc1.weight");
            view.viewModel().orderProperty().set(FilterOrder.SPECIFICITY);
            view.chooseItem(5 * 128);
        });
        ViewChecks.snapshot(robot, stage, AlphaMapsView.TITLE, Path.of("target/screenshots/alpha-maps.png"));
    }

    @Test
    void choosingAnotherLayerInTheListChangesTheMap(FxRobot robot) throws Exception {
        AlphaMapsView view = awaitView();
        @SuppressWarnings("unchecked")
        ComboBox<String> layers = robot.from(view.node()).lookup(".combo-box")
                .match(node -> ((ComboBox<?>) node).getItems().contains("fc1.weight")).queryAs(ComboBox.class);
        robot.interact(() -> layers.getSelectionModel().select("fc1.weight"));
        assertEquals(10 * 128, cells(view.content().figures().get("alpha-map")));
        assertTrue(view.content().figures().get("alpha-map").getTitle().getText().contains("fc1.weight"));
    }

    @Test
    void movingTheThresholdSliderRecomputesTheSparsity(FxRobot robot) throws Exception {
        AlphaMapsView view = awaitView();
        double[] before = fractions(view, 2);
        Slider slider = robot.from(view.node()).lookup(".slider").queryAs(Slider.class);
        robot.interact(() -> slider.setValue(0.99));
        awaitThreshold(view, 0.99);
        double[] after = fractions(view, 2);
        assertNotEquals(before[0], after[0]);
        assertEquals(view.viewModel().statisticsProperty().get().get(0, "fc1.weight").fractionBelow(), after[0]);
    }

    @Test
    void clickingACellShowsThatFiltersKernel(FxRobot robot) throws Exception {
        AlphaMapsView view = awaitView();
        robot.interact(() -> view.viewModel().layerProperty().set("conv2.weight"));
        robot.interact(() -> view.chooseItem(3 * 64 + 17));
        assertEquals(new AlphaMapsViewModel.Cell(3, 17), view.viewModel().cellProperty().get());
        JFreeChart kernel = view.content().figures().get("alpha-kernel");
        assertNotNull(kernel);
        assertEquals(32 * 9, cells(kernel));
        assertTrue(kernel.getTitle().getText().contains("filter 17"));
    }

    @Test
    void exportWritesValidFiguresAndTheNumbers(@TempDir Path folder, FxRobot robot) throws Exception {
        AlphaMapsView view = awaitView();
        robot.interact(() -> view.chooseItem(5));
        var written = ViewExport.writeAll(view.content(), folder);
        assertEquals(3 * 3 + 3, written.size());
        for (String figure : new String[] {"alpha-map", "alpha-kernel", "alpha-sparsity"}) {
            ViewChecks.assertValidFigure(folder, figure);
        }
        assertTrue(Files.readString(folder.resolve("alpha-sparsity.csv")).contains("fc1.weight"));
    }
}
