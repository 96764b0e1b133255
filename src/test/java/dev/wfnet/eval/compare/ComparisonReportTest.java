package dev.wfnet.eval.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.wfnet.eval.UnlearningMetrics;
import dev.wfnet.unlearn.baselines.BaselineSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The report's arithmetic on hand-made runs: Avg. Gap, mean and deviation, best per column, the tables. */
class ComparisonReportTest {
    private static final List<String> NAMES = List.of("zero", "one", "two");
    private static final ReportContext CONTEXT = new ReportContext("abc", "mlp", NAMES, Map.of(), "train (9 images)",
            "test (6 images)", Map.of(), true, Optional.of("bank.safetensors"), "def", 120.0, 3);
    private static final ComparisonSettings SETTINGS = new ComparisonSettings(
            List.of(Method.WFNET, Method.RETRAIN, Method.FT), new int[] {1}, new long[] {0, 1},
            BaselineSettings.defaults(), 0);

    private static RunResult run(Method method, long seed, double ua, double ra, double ta, double mia, double seconds) {
        return run(method, 1, seed, ua, ra, ta, mia, seconds);
    }

    private static RunResult run(Method method, int forgetClass, long seed, double ua, double ra, double ta, double mia,
                                 double seconds) {
        UnlearningMetrics metrics = new UnlearningMetrics(forgetClass, ua, ra, ta, 1 - ua, mia, 0.5, new double[] {0.9,
                1 - ua, 0.8}, new double[] {0.5, 1 - ua, ua - 0.5}, new int[10], new int[10]);
        return new RunResult(new RunKey(method, forgetClass, seed), metrics, seconds,
                Map.of("seed", Long.toString(seed)));
    }

    private static final ComparisonReport REPORT = new ComparisonReport(CONTEXT, SETTINGS, List.of(
            run(Method.RETRAIN, 0, 1.00, 0.90, 0.88, 1.00, 100),
            run(Method.RETRAIN, 1, 1.00, 0.92, 0.86, 0.98, 110),
            run(Method.WFNET, 0, 0.98, 0.91, 0.88, 0.90, 0.01),
            run(Method.WFNET, 1, 0.98, 0.91, 0.88, 0.90, 0.01),
            run(Method.FT, 0, 0.60, 0.95, 0.90, 0.50, 10),
            run(Method.FT, 1, 0.70, 0.93, 0.90, 0.60, 14)));

    @Test
    void theGapIsTheMeanAbsoluteDifferenceToRetrainOfTheSameSeed() {
        // WF-Net seed 0: |0.98-1| + |0.91-0.90| + |0.88-0.88| + |0.90-1.00| = 0.02 + 0.01 + 0 + 0.10 = 0.13 -> /4
        assertEquals(0.0325, REPORT.gap(REPORT.runs().get(2)), 1e-12);
        // seed 1: 0.02 + 0.01 + 0.02 + 0.08 = 0.13 -> /4
        assertEquals(0.0325, REPORT.gap(REPORT.runs().get(3)), 1e-12);
        // FT seed 1: 0.30 + 0.01 + 0.04 + 0.38 = 0.73 -> /4
        assertEquals(0.1825, REPORT.gap(REPORT.runs().get(5)), 1e-12);
        assertEquals(0.0, REPORT.gap(REPORT.runs().get(0)), 1e-12);
    }

    @Test
    void summariesAreMeanAndSampleDeviationOverSeeds() {
        Stat ua = REPORT.stat(Method.FT, Column.UA, OptionalInt.empty());
        assertEquals(0.65, ua.mean(), 1e-12);
        assertEquals(Math.sqrt(0.005), ua.std(), 1e-12, "sample deviation of 0.60 and 0.70");
        Stat seconds = REPORT.stat(Method.RETRAIN, Column.RTE, OptionalInt.of(1));
        assertEquals(105, seconds.mean(), 1e-12);
        assertEquals(2, seconds.count());
    }

    @Test
    void theBestIsClosestToRetrainAndRetrainIsNeverMarked() {
        assertEquals(Set.of(Method.WFNET), REPORT.best(Column.UA, OptionalInt.empty()));
        assertEquals(Set.of(Method.WFNET), REPORT.best(Column.GAP, OptionalInt.empty()));
        assertEquals(Set.of(Method.FT), REPORT.best(Column.RTE, OptionalInt.empty()),
                "WF-Net's cost is one round for all classes, not a time per class");
        // RA: Retrain 0.91; WF-Net 0.91 exactly, FT 0.94
        assertEquals(Set.of(Method.WFNET), REPORT.best(Column.RA, OptionalInt.empty()));
    }

    @Test
    void withoutRetrainEachMetricsOwnDirectionDecides() {
        ComparisonSettings noRetrain = new ComparisonSettings(List.of(Method.WFNET, Method.FT), new int[] {1},
                new long[] {0, 1}, BaselineSettings.defaults(), 0);
        ComparisonReport report = new ComparisonReport(CONTEXT, noRetrain, REPORT.runs().stream()
                .filter(r -> r.key().method() != Method.RETRAIN).toList());
        assertEquals(Set.of(Method.FT), report.best(Column.RA, OptionalInt.empty()), "higher RA is better");
        assertEquals(Set.of(Method.WFNET), report.best(Column.FORGET_TEST, OptionalInt.empty()), "lower is better");
        assertTrue(Double.isNaN(report.stat(Method.FT, Column.GAP, OptionalInt.empty()).mean()));
    }

    @Test
    void wfnetCostsOneRoundForAllClassesABaselineItsMeanTimesTheClasses() {
        assertEquals(120.0, REPORT.costForAllClasses(Method.WFNET), 1e-12);
        assertEquals(12.0 * 3, REPORT.costForAllClasses(Method.FT), 1e-12);
    }

    @Test
    void theTablesCarryEveryRunAndTheSummary() {
        String csv = REPORT.toCsv();
        assertEquals(1 + 6, csv.split("\n").length);
        assertTrue(csv.startsWith("method,forget_class,forget_class_name,seed,ua,ra,ta,forget_test_accuracy,"
                + "mia_efficacy,zrf,avg_gap,rte_seconds,settings"), csv);
        assertTrue(csv.contains("ft,1,one,1,0.700000,0.930000,"), csv);
        String markdown = REPORT.toMarkdown();
        assertTrue(markdown.contains("| FT | 65.00 ± 7.07 |"), markdown);
        assertTrue(markdown.contains("| WF-Net | **98.00 ± 0.00** |"), markdown);
        assertTrue(markdown.contains("one round for all 3"), markdown);
        JsonObject json = REPORT.toJson();
        assertEquals(3, json.getAsJsonArray("methods").size());
        assertEquals(6, json.getAsJsonArray("runs").size());
        JsonObject ft = json.getAsJsonArray("methods").get(2).getAsJsonObject();
        assertEquals("ft", ft.get("method").getAsString());
        assertEquals(0.65, ft.get("ua_mean").getAsDouble(), 1e-12);
        assertEquals(36.0, ft.get("cost_all_classes_seconds").getAsDouble(), 1e-12);
    }

    @Test
    void withSeveralClassesTheGapAndUaHaveATableOfTheirOwnWithTheBestPerClass() {
        ComparisonSettings twoClasses = new ComparisonSettings(List.of(Method.WFNET, Method.RETRAIN, Method.FT),
                new int[] {1, 2}, new long[] {0}, BaselineSettings.defaults(), 0);
        ComparisonReport report = new ComparisonReport(CONTEXT, twoClasses, List.of(
                run(Method.RETRAIN, 1, 0, 1.00, 0.90, 0.88, 1.00, 100),
                run(Method.WFNET, 1, 0, 0.98, 0.91, 0.88, 0.90, 0.01),
                run(Method.FT, 1, 0, 0.60, 0.95, 0.90, 0.50, 10),
                run(Method.RETRAIN, 2, 0, 1.00, 0.90, 0.88, 1.00, 100),
                run(Method.WFNET, 2, 0, 0.50, 0.90, 0.88, 1.00, 0.01),
                run(Method.FT, 2, 0, 0.98, 0.90, 0.88, 1.00, 10)));
        String markdown = report.toMarkdown();
        // Avg. Gap: class 1 WF-Net (0.02 + 0.01 + 0 + 0.10) / 4, FT (0.40 + 0.05 + 0.02 + 0.50) / 4;
        // class 2 WF-Net 0.50 / 4, FT 0.02 / 4; Retrain has no column (it is the reference)
        String gaps = "### Avg. Gap per forgotten class\n\n| forgotten class | WF-Net | FT |\n|---|---:|---:|\n"
                + "| one (1) | **3.25** | 24.25 |\n| two (2) | 12.50 | **0.50** |\n";
        assertTrue(markdown.contains(gaps), markdown);
        // UA: closest to Retrain's 100% is best; Retrain shown, never marked
        assertTrue(markdown.contains("| one (1) | **98.00** | 100.00 | 60.00 |\n| two (2) | 50.00 | 100.00 | **98.00** |"),
                markdown);
        assertFalse(REPORT.toMarkdown().contains("per forgotten class"), "one class needs no per-class table");
    }

    @Test
    void aRunSurvivesTheRoundTripThroughJson() {
        RunResult run = REPORT.runs().get(4);
        assertEquals(run, RunResult.fromJson(run.toJson()));
    }
}
