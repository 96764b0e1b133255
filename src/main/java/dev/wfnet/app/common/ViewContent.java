package dev.wfnet.app.common;

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

    public boolean isEmpty() {
        return figures.isEmpty() && tables.isEmpty();
    }
}
