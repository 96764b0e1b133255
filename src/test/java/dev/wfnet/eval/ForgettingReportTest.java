package dev.wfnet.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.ImageShape;
import dev.wfnet.unlearn.ForgetAccuracy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Accuracy splits, forgetting reports and tables against counts done by hand on twelve images of
 * four classes: every figure below is a fraction written out from the two prediction lists.
 */
class ForgettingReportTest {
    //                                   class 0     | class 1       | c2   | c3
    private static final int[] LABELS = {0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 3};
    /** The original model: wrong on images 3 and 8 and 10; per class 3/4, 4/5, 1/2, 1/1. */
    private static final int[] ORIGINAL = {0, 0, 0, 2, 1, 1, 1, 1, 0, 2, 0, 3};
    /** Class 1 forgotten: per class 3/4, 1/5, 1/2, 0/1. */
    private static final int[] FORGET_B = {0, 0, 1, 0, 1, 0, 0, 2, 3, 0, 2, 1};
    /** Class 2 forgotten: per class 4/4, 4/5, 0/2, 1/1. */
    private static final int[] FORGET_C = {0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 1, 3};
    /** Classes 1 and 3 forgotten: per class 2/4, 0/5, 2/2, 0/1. */
    private static final int[] FORGET_BD = {0, 0, 2, 3, 0, 0, 0, 0, 2, 2, 2, 0};

    private static final ImageDataset DATA = new ImageDataset("hand", new ImageShape(1, 1, 1), new byte[12], LABELS,
            List.of("a", "b", "c", "d"));

    private static ForgettingReport report(int[] filtered, int... forgotten) {
        return new ForgettingReport(forgotten, AccuracyReport.of(DATA, filtered), AccuracyReport.of(DATA, ORIGINAL),
                ForgetAccuracy.of(filtered, LABELS, forgotten), ForgetAccuracy.of(ORIGINAL, LABELS, forgotten));
    }

    @Test
    void forgetAccuracySplitsTheImagesIntoEachForgottenClassAndAllTheRest() {
        ForgetAccuracy one = ForgetAccuracy.of(FORGET_B, LABELS, new int[] {1});
        assertArrayEquals(new double[] {1.0 / 5}, one.forgetAccuracy(), 0);
        // classes 0, 2, 3: 3 + 1 + 0 correct of 4 + 2 + 1
        assertEquals(4.0 / 7, one.retainAccuracy(), 0);

        ForgetAccuracy two = ForgetAccuracy.of(FORGET_BD, LABELS, new int[] {3, 1});
        assertArrayEquals(new double[] {0.0, 0.0}, two.forgetAccuracy(), 0);
        assertArrayEquals(new int[] {3, 1}, two.forgotten(), "in the order asked");
        assertEquals(4.0 / 6, two.retainAccuracy(), 0);
        ForgetAccuracy twoOriginal = ForgetAccuracy.of(ORIGINAL, LABELS, new int[] {3, 1});
        assertArrayEquals(new double[] {1.0, 4.0 / 5}, twoOriginal.forgetAccuracy(), 0);
        assertEquals(1.0, twoOriginal.worstForgetAccuracy(), 0);

        ForgetAccuracy absent = ForgetAccuracy.of(ORIGINAL, LABELS, new int[] {0, 1, 2, 3});
        assertTrue(Double.isNaN(absent.retainAccuracy()), "no image left to retain");
    }

    @Test
    void aReportStatesEachClassBesideTheOriginalAndTheRetainDrop() {
        ForgettingReport b = report(FORGET_B, 1);

        assertEquals(1.0 / 5, b.filteredSplit().forgetAccuracy()[0], 0);
        assertEquals(4.0 / 5, b.originalSplit().forgetAccuracy()[0], 0);
        assertEquals(4.0 / 7, b.filteredSplit().retainAccuracy(), 0);
        assertEquals(5.0 / 7, b.originalSplit().retainAccuracy(), 0);
        assertEquals(1.0 / 7, b.retainDrop(), 1e-15);
        assertEquals(5.0 / 12, b.filtered().overall(), 0);
        assertEquals(9.0 / 12, b.original().overall(), 0);
        assertEquals(0.0, b.filtered().classAccuracy(3), 0);

        JsonObject json = b.toJson();
        assertEquals(0.2, json.getAsJsonArray("forget").get(0).getAsJsonObject().get("acc_f").getAsDouble(), 0);
        assertEquals(0.8, json.getAsJsonArray("forget").get(0).getAsJsonObject().get("unlearning_accuracy_ua")
                .getAsDouble(), 1e-15);
        assertEquals(4.0 / 7, json.get("acc_r").getAsDouble(), 0);
        assertEquals(1.0 / 7, json.get("acc_r_drop").getAsDouble(), 1e-15);
        assertEquals("b", json.get("forgotten_names").getAsString());
        assertTrue(json.getAsJsonArray("per_class").get(1).getAsJsonObject().get("forgotten").getAsBoolean());

        String csv = b.toCsv();
        assertTrue(csv.contains("\n1,b,true,0.200000,0.800000,-0.600000\n"), csv);
        assertTrue(csv.contains("\n,ACC_r (retained classes),false,0.571429,0.714286,-0.142857\n"), csv);
        assertTrue(csv.contains("\n,overall,,0.416667,0.750000,-0.333333\n"), csv);
        String markdown = b.toMarkdown();
        assertTrue(markdown.contains("| 1 | b | yes | 20.00% | 80.00% | -60.00 |"), markdown);
        assertTrue(markdown.contains("| | **ACC_r** | | **57.14%** | 71.43% | -14.29 |"), markdown);
    }

    @Test
    void aTableAveragesOverItsSetsAndNamesTheWorst() {
        ForgettingReport b = report(FORGET_B, 1);
        ForgettingReport c = report(FORGET_C, 2);
        ForgettingReport bd = report(FORGET_BD, 1, 3);
        // ACC_f: b 1/5; c 0/2; bd 0/5 and 0/1.  ACC_r: b 4/7 (orig 5/7); c 9/10 (orig 8/10, a gain);
        // bd 4/6 (orig 3/4 + 1/2 -> 4/6)
        assertEquals(-0.1, c.retainDrop(), 1e-15);
        assertEquals(0.0, bd.retainDrop(), 1e-15);
        ForgettingTable table = new ForgettingTable(List.of(c, b, bd));

        assertEquals((0.2 + 0 + 0 + 0) / 4, table.meanForgetAccuracy(), 1e-15);
        assertSame(b, table.worstForgetting());
        assertSame(b, table.worstDrop());
        assertEquals((-0.1 + 1.0 / 7 + 0) / 3, table.meanDrop(), 1e-15);

        JsonObject json = table.toJson();
        assertEquals(3, json.getAsJsonArray("sets").size());
        assertEquals(0.2, json.get("worst_acc_f").getAsDouble(), 0);
        assertEquals("b", json.get("worst_acc_f_set").getAsString());
        assertEquals("b", json.get("worst_acc_r_drop_set").getAsString());
        String csv = table.toCsv();
        assertTrue(csv.contains("\nb + d,0.000000,0.666667,0.666667,0.000000\n"), csv);
        assertTrue(csv.contains("\nc,0.000000,0.900000,0.800000,-0.100000\n"), csv);
        String markdown = table.toMarkdown();
        assertTrue(markdown.contains("mean ACC_f 5.00%, worst 20.00% (b); mean drop 1.43 points, worst 14.29 (b)"),
                markdown);
    }

    @Test
    void accuracyReportCountsPerClassAndOverall() {
        AccuracyReport report = AccuracyReport.of(DATA, ORIGINAL);
        assertArrayEquals(new int[] {3, 4, 1, 1}, report.correct());
        assertArrayEquals(new int[] {4, 5, 2, 1}, report.total());
        assertEquals(0.75, report.overall(), 0);
        assertEquals(0.5, report.classAccuracy(2), 0);
    }
}
