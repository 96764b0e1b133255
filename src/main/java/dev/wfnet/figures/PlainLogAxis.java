package dev.wfnet.figures;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * A base-10 logarithmic axis labelled with plain round numbers (0.5, 1, 2, 5, 10) instead of
 * JFreeChart's fractional powers of ten ("10^0.3"), which readers of a loss curve cannot read off.
 * Ticks sit at 1, 2 and 5 times each power of ten in range, or at every 1..9 multiple when the
 * range spans too little for three of those.
 */
final class PlainLogAxis extends LogAxis {
    private static final long serialVersionUID = 1L;
    private static final int[] ROUND = {1, 2, 5};
    private static final int[] EVERY = {1, 2, 3, 4, 5, 6, 7, 8, 9};

    PlainLogAxis(String label) {
        super(label);
        setBase(10);
        setSmallestValue(1e-12);
    }

    @Override
    public List<ValueTick> refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
        List<ValueTick> ticks = ticks(ROUND, edge);
        return ticks.size() >= 3 ? ticks : ticks(EVERY, edge);
    }

    private List<ValueTick> ticks(int[] multiples, RectangleEdge edge) {
        double lower = getLowerBound();
        double upper = getUpperBound();
        boolean vertical = RectangleEdge.isLeftOrRight(edge);
        TextAnchor anchor = vertical ? (edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT)
                : (edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER);
        List<ValueTick> ticks = new ArrayList<>();
        int first = (int) Math.floor(Math.log10(Math.max(lower, getSmallestValue())));
        int last = (int) Math.ceil(Math.log10(upper));
        for (int power = first; power <= last; power++) {
            for (int multiple : multiples) {
                BigDecimal exact = BigDecimal.valueOf(multiple).scaleByPowerOfTen(power);
                double value = exact.doubleValue();
                if (value >= lower && value <= upper) {
                    ticks.add(new NumberTick(TickType.MAJOR, value, exact.stripTrailingZeros().toPlainString(), anchor,
                            anchor, 0));
                }
            }
        }
        return ticks;
    }
}
