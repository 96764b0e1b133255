package dev.wfnet.unlearn;

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
    void aTargetIsMetOnlyWithAStandardErrorToSpare() {
        // ACC_f 1% meets a 1.5% target only if 1% + 0.995% <= 1.5%: it does not
        assertFalse(status(1.5, 5).met());
        assertTrue(status(2.0, 5).met());
        // drop 1 point, standard error 0.705: a 1.5-point target is missed, a 1.75-point target met
        assertFalse(status(5, 1.5).met());
        assertTrue(status(5, 1.75).met());
        assertEquals("drop 1.00 points (+- 0.71) is 0.21 above the target",
                status(5, 1.5).shortfall(UntrainConfig.builder().set(UntrainConfig.TARGET_ACC_F, 5.0)
                        .set(UntrainConfig.TARGET_DROP, 1.5).build()));
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
