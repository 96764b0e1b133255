package dev.wfnet.app.forget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.app.MainWindow;
import dev.wfnet.app.WindowTest;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.CheckBox;
import javafx.stage.Stage;
import org.jfree.chart.plot.CategoryPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ForgetLiveViewTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = WindowTest.openOnSample(stage);
    }

    @Test
    void checkingAClassChangesTheFilteredBarsAndFramesChangedImages(FxRobot robot) throws Exception {
        WindowTest.awaitOpen(window);
        ForgetLiveView view = WindowTest.view(window, ForgetLiveView.class);
        robot.interact(() -> WindowTest.select(window, ForgetLiveView.TITLE));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.viewModel().outcomeProperty().get() != null);
        double sandalBefore = filteredBar(view, 5);
        // within this view: other views (Compare) have a Sandal check box too
        CheckBox sandal = robot.from(view.node()).lookup((CheckBox box) -> "Sandal".equals(box.getText()))
                .queryAs(CheckBox.class);
        robot.clickOn(sandal);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> view.viewModel().outcomeProperty().get() != null
                && view.viewModel().outcomeProperty().get().forgotten().length == 1);
        WaitForAsyncUtils.waitForFxEvents();
        double sandalAfter = filteredBar(view, 5);
        assertTrue(sandalAfter < 5 && sandalBefore > 90, "Sandal accuracy " + sandalBefore + " -> " + sandalAfter);
        long framed = robot.from(view.node()).lookup(".wf-changed").queryAll().size();
        assertTrue(framed >= 3, "the three sandals of the grid change prediction, framed: " + framed);
        assertEquals(view.content().figures().size(), 2);
    }

    private static double filteredBar(ForgetLiveView view, int modelClass) {
        CategoryPlot plot = (CategoryPlot) view.content().figures().get("forget-accuracy").getPlot();
        return plot.getDataset().getValue(1, modelClass).doubleValue();
    }
}
