package dev.wfnet.app.common;

import dev.wfnet.app.background.ErrorReporter;
import dev.wfnet.app.background.JobRunner;
import dev.wfnet.app.workspace.WorkspaceViewModel;
import dev.wfnet.figures.FigureFormat;
import java.util.function.BiConsumer;

/**
 * What every view gets from the window.
 *
 * @param workspace what is open
 * @param interactive runs short tensor work (evaluations, analyses) one job at a time
 * @param training runs long jobs (untraining) beside the interactive work
 * @param errors shows failures
 * @param chartExporter asks for a file and exports a chart to it
 */
public record ViewContext(WorkspaceViewModel workspace, JobRunner interactive, JobRunner training,
                          ErrorReporter errors, BiConsumer<ChartPane, FigureFormat> chartExporter) {

    /** A chart pane wired to the window's export. */
    public ChartPane chartPane(String baseName) {
        return new ChartPane(baseName, chartExporter);
    }
}
