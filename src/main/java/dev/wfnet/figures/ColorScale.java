package dev.wfnet.figures;

import java.awt.Paint;
import org.jfree.chart.renderer.PaintScale;

/**
 * A {@link ColorMap} stretched over a value range, as JFreeChart's heatmap renderer and colour
 * legend expect. Values outside the range take the end colours; NaN takes {@link ColorMap#MISSING}.
 *
 * @param colors the colour map
 * @param lowerBound the value drawn with the map's first colour
 * @param upperBound the value drawn with the map's last colour
 */
public record ColorScale(ColorMap colors, double lowerBound, double upperBound) implements PaintScale {

    public ColorScale {
        if (!(lowerBound < upperBound) || !Double.isFinite(lowerBound) || !Double.isFinite(upperBound)) {
            throw new IllegalArgumentException("a colour scale needs finite bounds with lower < upper, got "
                    + lowerBound + ".." + upperBound);
        }
    }

    @Override
    public double getLowerBound() {
        return lowerBound;
    }

    @Override
    public double getUpperBound() {
        return upperBound;
    }

    @Override
    public Paint getPaint(double value) {
        return colors.colorAt((value - lowerBound) / (upperBound - lowerBound));
    }
}
