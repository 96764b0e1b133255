package dev.wfnet.app.common;

import dev.wfnet.WfnetException;
import dev.wfnet.figures.FigureExport;
import dev.wfnet.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;

/** Writes what a view shows to a folder: every figure in every format, every table. No toolkit needed. */
public final class ViewExport {
    /** Figure size in the files, independent of the window's size so exports are comparable. */
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 700;

    private ViewExport() {
    }

    /** Writes one figure to a file; the format follows the file's extension. */
    public static void writeFigure(JFreeChart chart, Path file) throws WfnetException {
        FigureExport.write(chart, file, WIDTH, HEIGHT);
    }

    /** Writes everything, returning the files in the order written. */
    public static List<Path> writeAll(ViewContent content, Path directory) throws WfnetException {
        List<Path> written = new ArrayList<>(FigureExport.writeEveryFormat(content.figures(), directory, WIDTH,
                HEIGHT, file -> { }));
        for (Map.Entry<String, String> table : content.tables().entrySet()) {
            Path file = directory.resolve(table.getKey());
            AtomicFiles.writeString(file, table.getValue());
            written.add(file);
        }
        return written;
    }
}
