package dev.wfnet.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Stroke;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;

/**
 * The one look of every figure: sans-serif text no smaller than 11 pt at 1x (title 16 pt bold,
 * axis labels 13 pt, ticks and legends 11 pt), a white background with light grid lines, flat
 * bars, and series in the Okabe-Ito palette, which stays distinguishable under the common
 * colour-vision deficiencies. Applied to each chart (never installed as JFreeChart's global
 * theme, so figures built elsewhere are unaffected).
 */
public final class FigureStyle {
    public static final String FONT_FAMILY = Font.SANS_SERIF;
    public static final Font TITLE_FONT = new Font(FONT_FAMILY, Font.BOLD, 16);
    public static final Font LABEL_FONT = new Font(FONT_FAMILY, Font.PLAIN, 13);
    public static final Font TICK_FONT = new Font(FONT_FAMILY, Font.PLAIN, 11);
    /** The smallest text of a figure, cell values of a heatmap included. */
    public static final float MIN_FONT_SIZE = 11f;
    public static final Color GRID = new Color(0xDDDDDD);

    /**
     * Okabe and Ito's palette, ordered for contrast on white (blue, orange, bluish green,
     * vermillion, sky blue, reddish purple, yellow, black).
     */
    private static final Color[] SERIES = {new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73),
        new Color(0xD55E00), new Color(0x56B4E9), new Color(0xCC79A7), new Color(0xF0E442), Color.BLACK};
    public static final Stroke LINE_STROKE = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

    private FigureStyle() {
    }

    /** The colour of series {@code index}; the palette repeats after eight series. */
    public static Color seriesColor(int index) {
        return SERIES[Math.floorMod(index, SERIES.length)];
    }

    /** Applies the style to every part of a chart: titles, axes, legends, plot and renderers. */
    public static void apply(JFreeChart chart) {
        theme().apply(chart);
    }

    @SafeVarargs
    private static void paint(java.awt.Paint paint, java.util.function.Consumer<java.awt.Paint>... setters) {
        for (java.util.function.Consumer<java.awt.Paint> setter : setters) {
            setter.accept(paint);
        }
    }

    private static StandardChartTheme theme() {
        StandardChartTheme theme = new StandardChartTheme("wfnet", false);
        theme.setExtraLargeFont(TITLE_FONT);
        theme.setLargeFont(LABEL_FONT);
        theme.setRegularFont(TICK_FONT);
        theme.setSmallFont(TICK_FONT);
        // backgrounds white, text black, grid and outline grey
        paint(Color.WHITE, theme::setChartBackgroundPaint, theme::setPlotBackgroundPaint,
                theme::setLegendBackgroundPaint);
        paint(Color.BLACK, theme::setTitlePaint, theme::setSubtitlePaint, theme::setLegendItemPaint,
                theme::setAxisLabelPaint, theme::setItemLabelPaint);
        paint(GRID, theme::setDomainGridlinePaint, theme::setRangeGridlinePaint);
        theme.setPlotOutlinePaint(Color.GRAY);
        theme.setTickLabelPaint(Color.DARK_GRAY);
        theme.setBarPainter(new StandardBarPainter());
        theme.setXYBarPainter(new StandardXYBarPainter());
        theme.setShadowVisible(false);
        theme.setDrawingSupplier(new DefaultDrawingSupplier(SERIES.clone(), new Paint[] {Color.WHITE},
                new Paint[] {Color.GRAY}, new Stroke[] {LINE_STROKE}, new Stroke[] {new BasicStroke(1f)},
                DefaultDrawingSupplier.DEFAULT_SHAPE_SEQUENCE.clone()));
        return theme;
    }
}
