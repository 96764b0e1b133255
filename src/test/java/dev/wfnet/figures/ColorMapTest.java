package dev.wfnet.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import org.junit.jupiter.api.Test;

/** The colour maps: their anchors, their order in lightness, and the scale over a value range. */
class ColorMapTest {

    @Test
    void viridisRunsFromDarkPurpleToYellowGettingLighterAllTheWay() {
        assertEquals(Color.decode("#440154"), ColorMap.VIRIDIS.colorAt(0));
        assertEquals(Color.decode("#FDE725"), ColorMap.VIRIDIS.colorAt(1));
        assertEquals(Color.decode("#21908C"), ColorMap.VIRIDIS.colorAt(0.5));
        double previous = -1;
        for (int i = 0; i <= 100; i++) {
            double luminance = ColorMap.luminance(ColorMap.VIRIDIS.colorAt(i / 100.0));
            assertTrue(luminance > previous, "lighter at " + i + "%: greyscale prints keep the order");
            previous = luminance;
        }
    }

    @Test
    void theDivergingMapIsNearlyWhiteInTheMiddle() {
        assertEquals(Color.decode("#F7F7F7"), ColorMap.BLUE_WHITE_RED.colorAt(0.5));
        Color low = ColorMap.BLUE_WHITE_RED.colorAt(0);
        Color high = ColorMap.BLUE_WHITE_RED.colorAt(1);
        assertTrue(low.getBlue() > low.getRed() && high.getRed() > high.getBlue());
    }

    @Test
    void aScaleClampsOutOfRangeValuesAndGreysOutMissingOnes() {
        ColorScale scale = new ColorScale(ColorMap.BLUE_WHITE_RED, -1, 1);
        assertEquals(ColorMap.BLUE_WHITE_RED.colorAt(0.5), scale.getPaint(0));
        assertEquals(ColorMap.BLUE_WHITE_RED.colorAt(0), scale.getPaint(-3));
        assertEquals(ColorMap.BLUE_WHITE_RED.colorAt(1), scale.getPaint(2));
        assertEquals(ColorMap.MISSING, scale.getPaint(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new ColorScale(ColorMap.VIRIDIS, 1, 1));
    }
}
