package dev.wfnet.app.modeldata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.app.MainWindow;
import dev.wfnet.app.WindowTest;
import dev.wfnet.app.common.ViewExport;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.jfree.chart.plot.CategoryPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class ModelDataViewTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = WindowTest.openOnSample(stage);
    }

    @Test
    void opensOnTheSampleWithTheTableAndTheAccuracyChart(FxRobot robot) throws Exception {
        WindowTest.awaitOpen(window);
        ModelDataView view = (ModelDataView) window.views().get(0);
        // within this view: other tabs have tables too
        TableView<?> table = robot.from(view.node()).lookup(".table-view").queryAs(TableView.class);
        assertEquals(8, table.getItems().size());
        var chart = view.content().figures().get("original-accuracy");
        var dataset = ((CategoryPlot) chart.getPlot()).getDataset();
        assertEquals(10, dataset.getColumnCount());
        double bag = dataset.getValue(0, 8).doubleValue();
        assertEquals(100 * view.viewModel().accuracyProperty().get().classAccuracy(8), bag, 1e-9);
    }

    @Test
    void exportWritesAValidPngSvgAndPdfAndTheNumbers(@TempDir Path folder) throws Exception {
        WindowTest.awaitOpen(window);
        var written = ViewExport.writeAll(window.views().get(0).content(), folder);
        assertEquals(5, written.size());
        byte[] png = Files.readAllBytes(folder.resolve("original-accuracy.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals("PNG", new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(Files.readString(folder.resolve("original-accuracy.svg")).contains("<svg"));
        assertTrue(new String(Files.readAllBytes(folder.resolve("original-accuracy.pdf")), 0, 5,
                java.nio.charset.StandardCharsets.US_ASCII).equals("%PDF-"));
        assertTrue(Files.readString(folder.resolve("original-accuracy.csv")).contains("Bag"));
    }
}
