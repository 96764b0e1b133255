package dev.wfnet.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.app.forget.ForgetLiveView;
import dev.wfnet.app.workspace.FileKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = WindowTest.openOnSample(stage);
    }

    @Test
    void aTruncatedModelShowsTheMessageAndTheWorkspaceStays(FxRobot robot, @TempDir Path folder) throws Exception {
        WindowTest.awaitOpen(window);
        var before = window.workspace().current();
        byte[] model = Files.readAllBytes(SampleFiles.MODEL);
        Path truncated = Files.write(folder.resolve("truncated.safetensors"), Arrays.copyOf(model, model.length / 2));
        robot.interact(() -> window.openFile(truncated));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane dialog = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertEquals("Opening truncated.safetensors failed", dialog.getHeaderText());
        String message = ((Label) dialog.getContent()).getText();
        assertTrue(message.startsWith(truncated + " is truncated: tensor"), message);
        robot.interact(() -> ((javafx.stage.Stage) dialog.getScene().getWindow()).close());
        assertSame(before, window.workspace().current(), "nothing lost");
        robot.interact(() -> WindowTest.select(window, ForgetLiveView.TITLE));
        assertTrue(robot.lookup("Sandal").tryQuery().isPresent(), "the window stays usable");
    }

    @Test
    void aSavedSessionReopensTheFilesTheViewAndTheForgottenClasses(FxRobot robot, @TempDir Path folder)
            throws Exception {
        WindowTest.awaitOpen(window);
        ForgetLiveView forget = WindowTest.view(window, ForgetLiveView.class);
        robot.interact(() -> {
            forget.viewModel().setForgotten(new int[] {5, 8});
            WindowTest.select(window, ForgetLiveView.TITLE);
        });
        Path session = folder.resolve("study" + FileKind.SESSION_EXTENSION);
        robot.interact(() -> window.sessions().save(session));
        robot.interact(() -> {
            forget.viewModel().setForgotten(new int[0]);
            WindowTest.select(window, "Model and data");
        });
        robot.interact(() -> window.openFile(session));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> forget.viewModel().forgotten().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(java.util.Set.of(5, 8), forget.viewModel().forgotten());
        assertEquals(ForgetLiveView.TITLE, window.tabs().getSelectionModel().getSelectedItem().getText());
        assertTrue(Files.readString(session).contains("\"kind\": \"wfnet-session\""));
    }

    @Test
    void aSessionWithAnUnreadableViewStateStillRestoresTheOthers(FxRobot robot, @TempDir Path folder)
            throws Exception {
        WindowTest.awaitOpen(window);
        Path session = folder.resolve("edited" + FileKind.SESSION_EXTENSION);
        Files.writeString(session, "{\"kind\": \"wfnet-session\", \"format_version\": 1, \"model\": \""
                + SampleFiles.MODEL.toAbsolutePath() + "\", \"bank\": \"" + SampleFiles.BANK.toAbsolutePath()
                + "\", \"data\": \"fashion-mnist-bundled\", \"open_view\": \"Forget live\", \"views\": {"
                + "\"Untrain\": {\"granularity\": \"NEURON\"}, \"Forget live\": {\"forgotten\": [3]}}}");
        robot.interact(() -> window.openFile(session));
        ForgetLiveView forget = WindowTest.view(window, ForgetLiveView.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> forget.viewModel().forgotten().contains(3));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane dialog = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertEquals("Restoring Untrain failed", dialog.getHeaderText());
        assertTrue(((Label) dialog.getContent()).getText().startsWith(
                "the session's settings for this view are not readable"), ((Label) dialog.getContent()).getText());
    }
}
