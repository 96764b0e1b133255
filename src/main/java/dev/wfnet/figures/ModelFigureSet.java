package dev.wfnet.figures;

import dev.wfnet.WfnetException;
import dev.wfnet.explain.ModelExplanation;
import dev.wfnet.explain.SaliencyReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;

/** Every figure of a {@link ModelExplanation}, by file name, in every format. */
public final class ModelFigureSet {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 600;
    private static final int GRID_WIDTH = 1000;
    private static final int GRID_HEIGHT = 520;

    private ModelFigureSet() {
    }

    /** The charts of plain size, keyed by file name without extension. */
    public static Map<String, JFreeChart> charts(ModelExplanation explanation) {
        Map<String, JFreeChart> charts = new LinkedHashMap<>();
        charts.put("bank-vs-confusion", ModelFigures.relationScatter(explanation.relations()).toChart());
        if (explanation.saliency().isPresent()) {
            SaliencyReport saliency = explanation.saliency().get();
            charts.put("saliency-insertion", ModelFigures.curves(saliency, true).toChart());
            charts.put("saliency-deletion", ModelFigures.curves(saliency, false).toChart());
        }
        return charts;
    }

    public static List<Path> writeAll(ModelExplanation explanation, Path directory) throws WfnetException {
        List<Path> written = new ArrayList<>(FigureExport.writeEveryFormat(charts(explanation), directory, WIDTH,
                HEIGHT, file -> { }));
        if (explanation.saliency().isPresent() && !explanation.saliency().get().examples().isEmpty()) {
            written.addAll(FigureExport.writeEveryFormat(Map.of("saliency-grid",
                    ModelFigures.saliencyGrid(explanation.saliency().get()).toChart()), directory, GRID_WIDTH,
                    GRID_HEIGHT, file -> { }));
        }
        return written;
    }
}
