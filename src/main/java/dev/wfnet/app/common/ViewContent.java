package dev.wfnet.app.common;

import com.google.gson.JsonElement;
import dev.wfnet.figures.FigureExport;
import dev.wfnet.figures.FigureFormat;
import dev.wfnet.io.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.chart.JFreeChart;

/**
 * What a view shows at this moment, for export: its figures by file base name, its numbers by
 * file name ({@code .csv} or {@code .json}) with the text to write.
 */
public record ViewContent(Map<String, JFreeChart> figures, Map<String, String> tables) {

    public ViewContent {
        figures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures));
        tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    public static ViewContent empty() {
        return new ViewContent(Map.of(), Map.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Figures and tables in the order they are added, which is the order they are written. */
    public static final class Builder {
        private final Map<String, JFreeChart> figures = new LinkedHashMap<>();
        private final Map<String, String> tables = new LinkedHashMap<>();

        private Builder() {
        }

        /** The chart a pane shows, under the pane's file name. */
        public Builder figure(ChartPane pane) {
            figures.put(pane.baseName(), pane.chart());
            return this;
        }

        /** A table written as it is ({@code .csv}). */
        public Builder table(String fileName, String text) {
            tables.put(fileName, text);
            return this;
        }

        /** A table as indented JSON ({@code .json}), ending with a line break. */
        public Builder json(String fileName, JsonElement json) {
            return table(fileName, Json.pretty(json) + "\n");
        }

        public ViewContent build() {
            return new ViewContent(figures, tables);
        }
    }

    public boolean isEmpty() {
        return figures.isEmpty() && tables.isEmpty();
    }

    /** How many files an export writes: each figure in every format, and each table. */
    public int fileCount() {
        return figures.size() * FigureFormat.all().size() + tables.size();
    }

    /**
     * The same content with copies of the figures that nothing on screen changes: made on the FX
     * thread, it can be written on another while the view goes on.
     */
    public ViewContent snapshot() {
        Map<String, JFreeChart> copies = new LinkedHashMap<>();
        figures.forEach((name, chart) -> copies.put(name, FigureExport.snapshot(chart)));
        return new ViewContent(copies, tables);
    }
}
