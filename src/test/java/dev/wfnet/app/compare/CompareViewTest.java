package dev.wfnet.app.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.app.MainWindow;
import dev.wfnet.app.ViewChecks;
import dev.wfnet.app.WindowTest;
import dev.wfnet.eval.compare.Column;
import dev.wfnet.eval.compare.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Compare view in the window: a two-method comparison (WF-Net and GA) on the bundled subset fills the table. */
@ExtendWith(ApplicationExtension.class)
class CompareViewTest {
    private MainWindow window;

    @TempDir
    Path cache;

    @TempDir
    Path export;

    @Start
    void start(Stage stage) {
        window = WindowTest.openOnSample(stage);
    }

    @Test
    void aTwoMethodComparisonShowsItsTableAndFigures(FxRobot robot) throws Exception {
        WindowTest.awaitOpen(window);
        CompareView view = WindowTest.view(window, CompareView.class);
        CompareViewModel model = view.viewModel();
        robot.interact(() -> {
            WindowTest.select(window, CompareView.TITLE);
            model.setCacheDirectory(cache);
            // one GA epoch over the 600 sandals of the subset keeps the test short
            model.setBaselines(model.baselines().with("ga.epochs", "1"));
            model.methods().clear();
            model.methods().addAll(List.of(Method.WFNET, Method.GA));
        });
        // within this view: Forget live has a Sandal check box too
        CheckBox sandal = robot.from(view.node()).lookup((CheckBox box) -> "Sandal".equals(box.getText()))
                .queryAs(CheckBox.class);
        robot.clickOn(sandal);
        robot.clickOn(robot.from(view.node()).lookup((Button button) -> "Run".equals(button.getText()))
                .queryAs(Button.class));
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !model.runningProperty().get()
                && model.reportProperty().get() != null && model.reportProperty().get().runs().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        List<MethodRow> rows = view.rows();
        assertEquals(List.of(Method.WFNET, Method.GA), rows.stream().map(MethodRow::method).toList());
        String wfnetUa = rows.get(0).cells().get(Column.UA);
        assertTrue(Double.parseDouble(wfnetUa) > 90, "the bank forgets sandals: UA " + wfnetUa);
        assertTrue(rows.get(0).cells().get(Column.RTE).endsWith("for all 10"), "WF-Net's cost is its one round: "
                + rows.get(0).cells().get(Column.RTE));
        @SuppressWarnings("unchecked")
        TableView<MethodRow> table = robot.from(view.node()).lookup(".table-view").queryAs(TableView.class);
        assertEquals(2, table.getItems().size());
        assertFalse(robot.from(view.node()).lookup(".wf-best").queryAll().isEmpty(),
                "the best of each column is marked");
        assertTrue(view.content().figures().containsKey("compare-per-class-accuracy-class-5"));
        dev.wfnet.app.common.ViewExport.writeAll(view.content(), export);
        ViewChecks.assertValidFigure(export, "compare-predictions-class-5");
        assertTrue(Files.readString(export.resolve("compare.md")).contains("| WF-Net |"));

        // the session keeps the choices
        com.google.gson.JsonObject state = view.saveState();
        robot.interact(() -> {
            model.methods().clear();
            model.classes().clear();
            model.seedsProperty().set(3);
            view.restoreState(state);
        });
        assertEquals(java.util.Set.of(Method.WFNET, Method.GA), model.methods());
        assertEquals(java.util.Set.of(5), model.classes());
        assertEquals(1, model.seedsProperty().get());

        // baseline settings typed as wfnet compare --set takes them: a bad one is named and holds Run back
        javafx.scene.control.TextField settings = robot.from(view.node())
                .lookup((javafx.scene.control.TextField field) -> field.getPromptText() != null
                        && field.getPromptText().startsWith("e.g. retrain.epochs"))
                .queryAs(javafx.scene.control.TextField.class);
        Button run = robot.from(view.node()).lookup((Button button) -> "Run".equals(button.getText()))
                .queryAs(Button.class);
        robot.interact(() -> settings.setText("retrain.epochs=zero"));
        assertTrue(run.isDisabled());
        assertTrue(model.settingsProblemProperty().get().contains("zero"), model.settingsProblemProperty().get());
        robot.interact(() -> settings.setText("retrain.epochs=2 ft.lr=0.02"));
        assertFalse(run.isDisabled());
        assertEquals(java.util.Map.of("epochs", "2"), model.baselines().retrainRecipe());
        assertEquals(0.02, model.baselines().ft().learningRate());
        assertEquals("retrain.epochs=2 ft.lr=0.02", view.saveState().get("settings").getAsString());
    }
}
