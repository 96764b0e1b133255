package dev.wfnet.unlearn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A row's status against hand-counted predictions, standard errors included. */
class RowChecksTest {

    /**
     * 100 images of class 0 (the row's) and 400 of class 1. The row still recognises 1 image of class
     * 0; on class 1 the original was right 390 times, the row loses 6 of those and gains 2 others.
     */
    private static RowStatus status(double targetAccF, double targetDrop) {
        int[] labels = new int[500];
        Arrays.fill(labels, 100, 500, 1);
        int[] original = labels.clone();
        int[] now = labels.clone();
        Arrays.fill(now, 1, 100, 1); // class 0: only image 0 still recognised
        Arrays.fill(original, 100, 110, 0); // the original misses 10 images of class 1
        now[100] = 0;
        now[101] = 0;
        now[102] = 0;
        now[103] = 0;
        now[104] = 0;
        now[105] = 0;
        now[106] = 0;
        now[107] = 0; // still missed: 8 of the original's 10 mistakes
        Arrays.fill(now, 110, 116, 0); // 6 lost
        UntrainConfig config = UntrainConfig.builder().set(UntrainConfig.TARGET_ACC_F, targetAccF)
                .set(UntrainConfig.TARGET_DROP, targetDrop).build();
        return RowChecks.status(3, 0, labels, original, now, config);
    }

    @Test
    void accuraciesDropAndTheirStandardErrorsAreTheHandCountedOnes() {
        RowStatus row = status(5, 5);
        assertEquals(0.01, row.forgetAccuracy(), 1e-12);
        assertEquals(Math.sqrt(0.01 * 0.99 / 100), row.forgetError(), 1e-12);
        assertEquals(390 / 400.0, row.originalRetainAccuracy(), 1e-12);
        assertEquals((390 - 6 + 2) / 400.0, row.retainAccuracy(), 1e-12);
        assertEquals(4 / 400.0, row.drop(), 1e-12);
        // paired: sqrt(lost + gained - (lost - gained)^2 / n) / n
        assertEquals(Math.sqrt(8 - 16 / 400.0) / 400, row.dropError(), 1e-12);
        assertTrue(row.met());
    }

    @Test
    void aTargetIsMetWhenTheEstimateIsWithinItAndTheShortfallSaysByHowMuch() {
        // a check holds ACC_f to half the target: 1% meets a 2% target (1% checked), not a 1.9% one
        assertTrue(status(2.0, 5).met());
        assertFalse(status(1.9, 5).met());
        assertEquals("ACC_f 1.00% (+- 0.99) is 0.05 points above the held-out target 0.95%", status(1.9, 5).shortfall(
                UntrainConfig.builder().set(UntrainConfig.TARGET_ACC_F, 1.9).set(UntrainConfig.TARGET_DROP, 5.0).build(),
                java.util.List.of("a", "b")));
        // drop 1 point: a 1-point target is met, a 0.8-point target missed by 0.2
        assertTrue(status(5, 1.0).met());
        assertFalse(status(5, 0.8).met());
        assertEquals("drop 1.00 points (+- 0.71) is 0.20 above the target",
                status(5, 0.8).shortfall(UntrainConfig.builder().set(UntrainConfig.TARGET_ACC_F, 5.0)
                        .set(UntrainConfig.TARGET_DROP, 0.8).build(), java.util.List.of("a", "b")));
    }

    /**
     * Classes 0 and 1 forgotten together, 100 images each, and 300 images of class 2. Still recognised:
     * 3 of class 0 and 1 of class 1; the original was right on all of class 2, the pair loses 9.
     */
    @Test
    void aPairIsCountedOverBothClassesAndHeldToTwiceTheCheckedTargets() {
        int[] labels = new int[500];
        java.util.Arrays.fill(labels, 100, 200, 1);
        java.util.Arrays.fill(labels, 200, 500, 2);
        int[] original = labels.clone();
        int[] now = labels.clone();
        java.util.Arrays.fill(now, 3, 100, 2);
        java.util.Arrays.fill(now, 101, 200, 2);
        java.util.Arrays.fill(now, 200, 209, 0);
        // a pair is held to twice the checked targets: 3% / 2 * 2 = 3% and 4 points
        UntrainConfig config = UntrainConfig.builder().set(UntrainConfig.TARGET_ACC_F, 3.0)
                .set(UntrainConfig.TARGET_DROP, 2.0).build();
        PairCheck pair = RowChecks.pairCheck(0, 1, labels, original, now, config);
        assertEquals(1, pair.partnerClass());
        assertEquals(4 / 200.0, pair.forgetAccuracy(), 1e-12);
        assertEquals(Math.sqrt(0.02 * 0.98 / 200), pair.forgetError(), 1e-12);
        assertEquals(9 / 300.0, pair.drop(), 1e-12);
        assertEquals(Math.sqrt(9 - 81 / 300.0) / 300, pair.dropError(), 1e-12);
        // targets 3% and 4 points: 2% and 3 points are within them
        assertTrue(pair.met());
        UntrainConfig tighter = UntrainConfig.builder().set(UntrainConfig.TARGET_ACC_F, 1.9)
                .set(UntrainConfig.TARGET_DROP, 2.0).build();
        PairCheck missed = RowChecks.pairCheck(0, 1, labels, original, now, tighter);
        assertFalse(missed.met(), "2% is above the pair target 1.9%");
        RowStatus row = new RowStatus(0, 0, 0, 1, 1, 0, 0, false, missed);
        assertEquals("with b: ACC_f 2.00% (+- 0.99), drop 3.00 points (+- 0.98), against pair targets 1.90% and "
                + "4.00 points", row.shortfall(tighter, java.util.List.of("a", "b", "c")));
    }

    @Test
    void anImageOfAForgottenClassStillCountsAsRecognisedWhileItKeepsHalfTheWinnersProbability() {
        int[] labels = {0, 0, 0, 1, 1};
        float[][] logits = {
            {1.0f, 2.0f, 0f}, // class 0 trails by 1 > ln 2: forgotten
            {1.5f, 2.0f, 0f}, // trails by 0.5 < ln 2: still recognised
            {3.0f, 2.0f, 0f}, // wins: recognised
            {1.9f, 2.0f, 0f}, // class 1 wins
            {2.0f, 1.5f, 0f}}; // class 1 trails by 0.5 but is not forgotten: the arg-max stands
        assertArrayEquals(new int[] {1, 0, 0, 1, 0}, RowChecks.verdicts(labels, logits, new int[] {0}));
        assertArrayEquals(new int[] {1, 0, 0, 1, 1}, RowChecks.verdicts(labels, logits, new int[] {0, 1}));
    }

    @Test
    void aCheckLineCountsTheRowsThatMeetTheTargetsAndNamesTheOthersInClassOrder() {
        java.util.Map<String, Double> metrics = new java.util.HashMap<>();
        for (int c = 0; c < 12; c++) {
            metrics.put("acc_f." + c, c == 10 ? 0.02 : 0.0);
            metrics.put("drop." + c, c == 2 ? 0.0162 : 0.001);
            metrics.put("met." + c, c == 2 || c == 10 ? 0.0 : 1.0);
        }
        java.util.List<String> names = java.util.stream.IntStream.range(0, 12).mapToObj(c -> "c" + c).toList();
        assertEquals("check at step 75: 10 of 12 rows meet the targets; not yet: c2 (ACC_f 0.0%, drop 1.62), "
                + "c10 (ACC_f 2.0%, drop 0.10)", RoundReport.check(new dev.wfnet.jobs.Progress(
                        UntrainingJob.SNAPSHOT, 75, 1000, 0, 0, metrics), names));
    }
}
