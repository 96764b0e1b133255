package dev.wfnet.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.io.PomFile;
import dev.wfnet.io.WorkbenchVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Help > About names the version to cite, the engine, where its natives are, and the licences. */
@ExtendWith(ApplicationExtension.class)
class AboutDialogTest {
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = WindowTest.openOnSample(stage);
    }

    @Test
    void helpAboutShowsVersionEngineNativesAndLicencesAndTheWindowHasItsIcon(FxRobot robot) throws Exception {
        WindowTest.awaitOpen(window);
        assertEquals(AppIcon.SIZES.length, stage.getIcons().size());
        assertEquals(256, stage.getIcons().get(AppIcon.SIZES.length - 1).getWidth());
        robot.clickOn("Help").clickOn(AboutDialog.TITLE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane dialog = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertEquals("WF-Net Workbench " + PomFile.version(), dialog.getHeaderText());
        String text = ((TextArea) dialog.getContent()).getText();
        assertTrue(text.startsWith("Version  " + PomFile.version() + "\nEngine   PyTorch 2.7.1 (DJL 0.36.0)"), text);
        String natives = text.lines().filter(line -> line.startsWith("Natives  ")).findFirst().orElseThrow()
                .substring(9);
        assertTrue(Files.isRegularFile(Path.of(natives, "libtorch.so")), "the natives folder holds libtorch: " + natives);
        for (WorkbenchVersion.Component component : WorkbenchVersion.bundledComponents()) {
            assertTrue(text.contains(component.name()) && text.contains(": " + component.licence()), component.name());
        }
        robot.interact(() -> ((Stage) dialog.getScene().getWindow()).close());
    }
}
