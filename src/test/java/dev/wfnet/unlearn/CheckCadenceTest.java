package dev.wfnet.unlearn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CheckCadenceTest {
    private final CheckCadence cadence = new CheckCadence(25, 1000);

    @Test
    void aCheckIsDueAtAMultipleOfEveryWhileTheChecksHaveRunAtMostATenthOfTheStepsPasses() {
        // 100 steps of 192 images: 19,200 images, 57,600 passes, a tenth of them 5,760
        assertTrue(cadence.due(100, 5_760, 19_200));
        assertFalse(cadence.due(100, 5_761, 19_200), "over budget");
        assertFalse(cadence.due(110, 0, 19_200), "not a multiple of 25");
        assertTrue(cadence.due(25, 0, 4_800), "the first check costs nothing yet");
    }

    @Test
    void theLastStepIsAlwaysCheckedAndEveryZeroNeverChecks() {
        assertTrue(cadence.due(1000, 1_000_000, 1));
        assertTrue(new CheckCadence(25, 990).due(990, 1_000_000, 1), "the last step even off the grid");
        assertFalse(new CheckCadence(0, 1000).due(1000, 0, 1));
    }
}
