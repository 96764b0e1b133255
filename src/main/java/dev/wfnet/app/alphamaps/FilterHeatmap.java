package dev.wfnet.app.alphamaps;

import dev.wfnet.figures.HeatmapFigure;
import java.util.List;
import java.util.Locale;

/**
 * The alpha map of one layer as drawn: the figure and which filter each column shows (the order
 * may be by specificity), so a hover or a click on a cell names the right filter.
 *
 * @param layer the filtered tensor
 * @param figure classes (bank rows, in bank order) by filters, mean alpha per filter
 * @param filters the filter index of each column
 * @param classNames the class of each row
 */
public record FilterHeatmap(String layer, HeatmapFigure figure, int[] filters, List<String> classNames) {

    public FilterHeatmap {
        filters = filters.clone();
        classNames = List.copyOf(classNames);
    }

    public int filterAt(int column) {
        return filters[column];
    }

    public int columns() {
        return filters.length;
    }

    /** The tooltip of a cell: layer, filter, class, value. */
    public String describe(int row, int column) {
        return String.format(Locale.ROOT, "%s, filter %d%nforgetting %s%nmean alpha %.4f", layer, filterAt(column),
                classNames.get(row), figure.values()[row][column]);
    }

    @Override
    public int[] filters() {
        return filters.clone();
    }
}
