package dev.wfnet.app.forget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.app.MainWindow;
import dev.wfnet.app.WindowTest;
import dev.wfnet.data.ImageDataset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
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
        // the estimate from the sample comes first; the whole split follows
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> view.viewModel().outcomeProperty().get() != null
                && view.viewModel().outcomeProperty().get().forgotten().length == 1
                && !view.viewModel().outcomeProperty().get().estimate());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, robot.from(view.node()).lookup((Label label) -> label.getText() != null
                && label.getText().startsWith("all 2,000 test images, updated in ")).queryAll().size(),
                "the view says the figures are the whole split's");
        double sandalAfter = filteredBar(view, 5);
        assertTrue(sandalAfter < 5 && sandalBefore > 90, "Sandal accuracy " + sandalBefore + " -> " + sandalAfter);

        // the filtered bar is the filtered model's Sandal accuracy, counted here from its predictions
        ForgetOutcome outcome = view.viewModel().outcomeProperty().get();
        var now = window.workspace().current();
        ImageDataset test = now.data().test();
        int sandals = 0;
        int right = 0;
        for (int i = 0; i < test.size(); i++) {
            if (test.label(i) == 5) {
                sandals++;
                right += outcome.prediction(i) == 5 ? 1 : 0;
            }
        }
        assertEquals(100.0 * right / sandals, sandalAfter, 1e-9);

        // framed: exactly the grid's images whose prediction the filter changed
        int[] original = now.originalPredictions();
        List<Integer> changed = Arrays.stream(view.viewModel().gridIndices())
                .filter(i -> outcome.prediction(i) != original[i]).boxed().toList();
        assertTrue(changed.size() >= 3, "the three sandals of the grid change prediction: " + changed);
        assertEquals(changed.size(), robot.from(view.node()).lookup(".wf-changed").queryAll().size(), "framed cells");
        assertEquals(List.of("forget-accuracy", "forget-confusion"), List.copyOf(view.content().figures().keySet()),
                "the bars and the confusion matrix; no dropped image, no probability chart");
    }

    private static double filteredBar(ForgetLiveView view, int modelClass) {
        CategoryPlot plot = (CategoryPlot) view.content().figures().get("forget-accuracy").getPlot();
        return plot.getDataset().getValue(1, modelClass).doubleValue();
    }
}
