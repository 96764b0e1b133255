package dev.wfnet.unlearn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RowStepSharesTest {
    // default targets: ACC_f 1% (0.5% on the held-out split), drop 1 point
    private final UntrainConfig config = UntrainConfig.defaults();

    private static RowStatus row(int row, double forget, double drop) {
        return new RowStatus(row, row, forget, 0.9 - drop, 0.9, 0, 0, false, null);
    }

    @Test
    void aForgottenRowWhoseDropMissesHalvesAndOneRecognisedAgainDoublesBackUpToTheWholeRate() {
        RowStepShares shares = new RowStepShares(3, 0.5);
        List<RowStatus> forgottenTooCostly = List.of(row(0, 0.0, 0.02), row(1, 0.0, 0.005), row(2, 0.03, 0.02));
        shares.afterCheck(forgottenTooCostly, config);
        shares.afterCheck(forgottenTooCostly, config);
        // row 0: forgotten, drop 2 points: halved twice; row 1 meets both: unchanged; row 2 not forgotten: stays whole
        assertArrayEquals(new double[] {0.25, 1, 1}, shares.forStep(new boolean[3]), 1e-12);
        shares.afterCheck(List.of(row(0, 0.02, 0.02), row(1, 0.0, 0.005), row(2, 0.03, 0.0)), config);
        assertArrayEquals(new double[] {0.5, 1, 1}, shares.forStep(new boolean[3]), 1e-12);
        assertArrayEquals(new double[] {0, 1, 0}, shares.forStep(new boolean[] {true, false, true}), 1e-12,
                "a frozen row takes no share");
    }

    @Test
    void theShareNeverFallsBelowTheFloorAndADecayOfOneChangesNothing() {
        RowStepShares shares = new RowStepShares(1, 0.5);
        RowStepShares none = new RowStepShares(1, 1);
        for (int check = 0; check < 10; check++) {
            shares.afterCheck(List.of(row(0, 0.0, 0.05)), config);
            none.afterCheck(List.of(row(0, check % 2 == 0 ? 0.0 : 0.5, 0.05)), config);
        }
        assertArrayEquals(new double[] {RowStepShares.SMALLEST}, shares.forStep(new boolean[1]), 1e-12);
        assertArrayEquals(new double[] {1}, none.forStep(new boolean[1]), 1e-12);
    }
}
