package dev.wfnet.app.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.app.SampleFiles;
import dev.wfnet.app.background.QueuedJobRunner;
import dev.wfnet.figures.FigureExport;
import dev.wfnet.figures.LineFigure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export as a job: the caller returns at once, the files come when the job runs, as they were asked for. */
class ViewExportTest {
    private final QueuedJobRunner runner = new QueuedJobRunner();
    private final SampleFiles.CollectedErrors errors = new SampleFiles.CollectedErrors();
    private final ViewExport export = new ViewExport(runner, errors);
    private final List<String> notices = new ArrayList<>();
    private final XYSeries curve = new XYSeries("loss");
    private final JFreeChart chart = LineFigure.chartOf("Loss", "step", "loss", new XYSeriesCollection(curve), true,
            false);
    @TempDir
    Path folder;

    ViewExportTest() {
        curve.add(1, 3.0);
        curve.add(2, 2.0);
        export.noticeProperty().addListener((property, before, now) -> notices.add(now));
    }

    private ViewContent content() {
        return new ViewContent(Map.of("untrain-losses", chart), Map.of("untrain-steps.csv", "step,loss\n1,3\n2,2\n"));
    }

    @Test
    void exportingAViewReturnsAtOnceAndWritesWhatTheViewShowedWhenAsked() throws Exception {
        byte[] shown = FigureExport.png(chart, ViewExport.WIDTH, ViewExport.HEIGHT, 1);

        export.exportView("Untrain", content(), folder);
        assertEquals(1, runner.pending(), "the writing is a job");
        assertEquals("Exporting Untrain", runner.nextTitle());
        try (var files = Files.list(folder)) {
            assertEquals(0, files.count(), "nothing is written on the caller's thread");
        }
        curve.add(3, 1.0);  // the run goes on while the export waits

        runner.runAll();
        assertEquals(List.of(), errors.messages);
        assertArrayEquals(shown, Files.readAllBytes(folder.resolve("untrain-losses.png")),
                "the figure as it was when the export was asked for");
        assertEquals("step,loss\n1,3\n2,2\n", Files.readString(folder.resolve("untrain-steps.csv")));
        assertTrue(Files.readString(folder.resolve("untrain-losses.svg")).contains("<svg"));
        assertEquals(List.of("Exporting Untrain: 0 of 4 files", "Exporting Untrain: 1 of 4 files",
                "Exporting Untrain: 2 of 4 files", "Exporting Untrain: 3 of 4 files", "Exporting Untrain: 4 of 4 files",
                "Exported 4 files of Untrain to " + folder), notices);
    }

    @Test
    void aFailedExportIsReportedAndSaidInTheNotice() throws Exception {
        Path notAFolder = Files.writeString(folder.resolve("file.txt"), "x");
        export.exportView("Untrain", content(), notAFolder);
        runner.runAll();
        assertEquals(1, errors.messages.size());
        assertTrue(errors.messages.get(0).startsWith("Exporting Untrain: "), errors.messages.get(0));
        assertEquals("Exporting Untrain failed", export.noticeProperty().get());
    }

    @Test
    void aCancelledExportStopsAndSaysSo() {
        export.exportView("Untrain", content(), folder).cancel();
        runner.runAll();
        assertEquals(List.of(), errors.messages);
        assertEquals("Exporting Untrain: cancelled", export.noticeProperty().get());
    }

    @Test
    void exportingOneChartWritesItsSnapshotInTheBackground() throws Exception {
        byte[] shown = FigureExport.png(chart, ViewExport.WIDTH, ViewExport.HEIGHT, 1);
        Path file = folder.resolve("loss.png");
        export.exportFigure(chart, file);
        curve.add(3, 1.0);
        assertTrue(Files.notExists(file));
        runner.runAll();
        assertArrayEquals(shown, Files.readAllBytes(file));
        assertEquals("Exported " + file, export.noticeProperty().get());
    }
}
