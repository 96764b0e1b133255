package dev.wfnet.app.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.app.MainWindow;
import dev.wfnet.app.WindowTest;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Opening a PyTorch file in the window shows the import sheet, and Import opens the imported model. */
@ExtendWith(ApplicationExtension.class)
class ImportSheetTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = WindowTest.openOnSample(stage);
    }

    @Test
    void openingAPyTorchFileShowsTheSheetAndImportOpensTheModel(FxRobot robot, @TempDir Path folder)
            throws Exception {
        WindowTest.awaitOpen(window);
        Path source = ImportSheetViewModelTest.fixture("mnist-net-legacy.pt");
        ImportSheet[] sheet = new ImportSheet[1];
        robot.interact(() -> {
            sheet[0] = window.importer(source);
            sheet[0].show();
        });
        ImportSheetViewModel model = sheet[0].viewModel();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.planProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(sheet[0].stage().isShowing());
        assertEquals("sequential", model.architectureProperty().get());
        Path output = folder.resolve("imported.safetensors");
        robot.interact(() -> model.outputProperty().set(output.toString()));
        robot.clickOn("Import");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.workspace().current() != null
                && window.workspace().current().modelFile().equals(output) && !window.workspace().loadingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!sheet[0].stage().isShowing(), "the sheet closes once the model is written");
        assertEquals("sequential", window.workspace().current().model().checkpoint().architecture().id());
    }
}
