package dev.wfnet.app.untrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.app.MainWindow;
import dev.wfnet.app.WindowTest;
import dev.wfnet.unlearn.Granularity;
import dev.wfnet.unlearn.UntrainConfig;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class UntrainViewTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = WindowTest.openOnSample(stage);
    }

    private UntrainView openTab(FxRobot robot) throws Exception {
        WindowTest.awaitOpen(window);
        UntrainView view = (UntrainView) window.views().get(1);
        assertEquals(UntrainView.TITLE, view.title());
        robot.interact(() -> robot.lookup(".tab-pane").queryAs(TabPane.class).getSelectionModel().select(1));
        return view;
    }

    @Test
    void opensOnTheSampleWithEveryClassAndLayerChecked(FxRobot robot) throws Exception {
        UntrainView view = openTab(robot);
        UntrainForm form = view.viewModel().form();
        assertEquals(10, form.classes().size());
        assertEquals(4, form.layers().size());
        assertFalse(robot.lookup("#untrain-start").queryButton().isDisabled());
        assertTrue(robot.lookup("#untrain-cancel").queryButton().isDisabled());
        assertTrue(robot.lookup("#untrain-resume").queryButton().isDisabled());
    }

    @Test
    void aBadValueDisablesStartAndSaysWhy(FxRobot robot) throws Exception {
        UntrainView view = openTab(robot);
        robot.interact(() -> view.viewModel().form().field("steps").textProperty().set("-3"));
        Button start = robot.lookup("#untrain-start").queryButton();
        assertTrue(start.isDisabled());
        Label problems = robot.from(view.node()).lookup(".wf-problems").queryAs(Label.class);
        assertTrue(problems.isVisible());
        assertEquals("Max steps must be a whole number of at least 1, not '-3'", problems.getText());
        // the sheet's editor shows the same text: the form and the sheet are one property
        assertTrue(robot.lookup(".property-sheet .text-field").queryAllAs(javafx.scene.control.TextField.class)
                .stream().anyMatch(field -> "-3".equals(field.getText())));
    }

    @Test
    void aShortRunCompletesDrawsTheChartsAndOpensTheBank(FxRobot robot, @TempDir Path folder) throws Exception {
        UntrainView view = openTab(robot);
        UntrainForm form = view.viewModel().form();
        Path bank = folder.resolve("bank.safetensors");
        robot.interact(() -> {
            form.field("steps").textProperty().set("4");
            form.field("B").textProperty().set("16");
            form.field("snapshot_every").textProperty().set("2");
            form.field("validation_per_class").textProperty().set("5");
            form.field(UntrainConfig.GRANULARITY).set(Granularity.FILTER);
            form.outputProperty().set(bank.toString());
        });
        robot.clickOn("#untrain-start");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> !view.viewModel().runningProperty().get()
                && window.workspace().current().bank().map(open -> open.file().equals(bank)).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        TrainingCurves curves = view.viewModel().curves();
        assertEquals(4, curves.lossPoints("loss"));
        assertEquals(2 * 10 * 2, curves.snapshotPoints());
        var lossChart = view.content().figures().get("untrain-losses");
        assertSame(curves.lossChart(), lossChart);
        assertEquals(4, ((XYSeriesCollection) lossChart.getXYPlot().getDataset()).getSeries(0).getItemCount());
        // within this view: other views (Compare) have a progress bar too
        assertEquals(1.0, robot.from(view.node()).lookup(".progress-bar")
                .queryAs(javafx.scene.control.ProgressBar.class).getProgress());
        assertTrue(view.viewModel().messageProperty().get().startsWith("Done: 4 steps"));
        assertEquals(3, view.content().tables().size());
    }
}
