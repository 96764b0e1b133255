package dev.wfnet.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProportionsTest {

    @Test
    void theAgrestiCoullHalfWidthMatchesValuesWorkedOutByHand() {
        // 46 of 50: n~ = 53.8415, p~ = 47.9207 / 53.8415 = 0.890034, 1.96 * sqrt(p~ q~ / n~) = 0.083565
        assertEquals(0.083565, Proportions.halfWidth95(46, 50), 1e-5);
        // 0 of 50 does not shrink to nothing: p~ = 1.9207 / 53.8415 = 0.035674, half-width 0.049542
        assertEquals(0.049542, Proportions.halfWidth95(0, 50), 1e-5);
    }

    @Test
    void moreTrialsNarrowTheMargin() {
        assertTrue(Proportions.halfWidth95(460, 500) < Proportions.halfWidth95(46, 50));
        assertTrue(Double.isNaN(Proportions.halfWidth95(0, 0)));
        assertThrows(IllegalArgumentException.class, () -> Proportions.halfWidth95(51, 50));
    }
}
