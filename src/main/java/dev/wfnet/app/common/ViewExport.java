package dev.wfnet.app.common;

import dev.wfnet.WfnetException;
import dev.wfnet.app.background.ErrorReporter;
import dev.wfnet.app.background.JobCallbacks;
import dev.wfnet.app.background.JobHandle;
import dev.wfnet.app.background.JobRunner;
import dev.wfnet.figures.FigureExport;
import dev.wfnet.io.AtomicFiles;
import dev.wfnet.jobs.CancellationToken;
import dev.wfnet.jobs.Progress;
import dev.wfnet.jobs.ProgressListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.jfree.chart.JFreeChart;

/**
 * Writes what a view shows to files, as a background job so the window never waits for a disk:
 * every figure of a view in every format and every table, or one chart. What is exported is copied
 * when the export starts ({@link ViewContent#snapshot()}), so the view may change meanwhile. The
 * notice says how far the running export is and, after it, what it wrote.
 */
public final class ViewExport {
    /** Figure size in the files, independent of the window's size so exports are comparable. */
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 700;
    static final String PHASE = "export";

    private final JobRunner runner;
    private final ErrorReporter errors;
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");

    /** @param runner runs the writing; its callbacks come on the thread that shows the notice */
    public ViewExport(JobRunner runner, ErrorReporter errors) {
        this.runner = runner;
        this.errors = errors;
    }

    /** "Exporting Alpha maps: 4 of 12 files", then "Exported 12 files of Alpha maps to /tmp/out". */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Starts writing everything a view shows into a folder. */
    public JobHandle exportView(String title, ViewContent content, Path folder) {
        ViewContent copy = content.snapshot();
        int files = copy.fileCount();
        String what = "Exporting " + title;
        notice.set(what + ": 0 of " + files + " files");
        return runner.start(what, (progress, cancel) -> writeAll(copy, folder, progress, cancel),
                new JobCallbacks<List<Path>>(batch -> showProgress(what, batch), written -> notice.set(String.format(
                        Locale.ROOT, "Exported %d files of %s to %s", written.size(), title, folder)),
                        failure -> failed(what, failure), () -> notice.set(what + ": cancelled")));
    }

    /** Starts writing one chart to a file; the format follows the file's extension. */
    public JobHandle exportFigure(JFreeChart chart, Path file) {
        JFreeChart copy = FigureExport.snapshot(chart);
        String what = "Exporting " + file.getFileName();
        notice.set(what + "...");
        return runner.start(what, (progress, cancel) -> {
            FigureExport.write(copy, file, WIDTH, HEIGHT);
            return file;
        }, JobCallbacks.<Path>of(written -> notice.set("Exported " + written), failure -> failed(what, failure)));
    }

    private void showProgress(String what, List<Progress> batch) {
        Progress last = batch.get(batch.size() - 1);
        notice.set(what + ": " + last.step() + " of " + last.totalSteps() + " files");
    }

    private void failed(String what, Throwable failure) {
        notice.set(what + " failed");
        errors.report(what, failure);
    }

    /** Writes everything, returning the files in the order written. */
    public static List<Path> writeAll(ViewContent content, Path directory) throws WfnetException {
        return writeAll(content, directory, progress -> { }, CancellationToken.none());
    }

    /**
     * Writes everything, reporting each file written and stopping between files when cancelled;
     * returns the files in the order written.
     */
    public static List<Path> writeAll(ViewContent content, Path directory, ProgressListener progress,
                                      CancellationToken cancel) throws WfnetException {
        int total = content.fileCount();
        List<Path> written = new ArrayList<>();
        FigureExport.writeEveryFormat(content.figures(), directory, WIDTH, HEIGHT, file -> {
            written.add(file);
            progress.onProgress(fileWritten(written.size(), total));
            cancel.throwIfCancelled();
        });
        for (Map.Entry<String, String> table : content.tables().entrySet()) {
            Path file = directory.resolve(table.getKey());
            AtomicFiles.writeString(file, table.getValue());
            written.add(file);
            progress.onProgress(fileWritten(written.size(), total));
            cancel.throwIfCancelled();
        }
        return written;
    }

    private static Progress fileWritten(int done, int total) {
        return new Progress(PHASE, done, total, 0, Double.NaN, Map.of());
    }
}
