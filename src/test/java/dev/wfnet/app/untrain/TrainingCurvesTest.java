package dev.wfnet.app.untrain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wfnet.jobs.Progress;
import dev.wfnet.unlearn.UntrainingJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

class TrainingCurvesTest {
    private final TrainingCurves curves = new TrainingCurves(List.of("a", "b"));

    private static Progress step(long step) {
        return new Progress(UntrainingJob.STEP, step, 10, 100, 5, Map.of("loss", 2.0, "retain", 0.5, "forget", 1.5,
                "sparsity", 0.0, "steps_per_second", 3.0));
    }

    private static Progress snapshot(long step) {
        return new Progress(UntrainingJob.SNAPSHOT, step, 10, 0, 5, Map.of("acc_f.0", 0.5, "acc_r.0", 0.9,
                "acc_f.1", 0.25, "acc_r.1", 0.8, "mean_acc_f", 0.375, "mean_acc_r", 0.85));
    }

    /** Counts the redraws a chart is asked for. */
    private static List<Object> changes(JFreeChart chart) {
        List<Object> events = new ArrayList<>();
        chart.addChangeListener(events::add);
        return events;
    }

    @Test
    void eachRecordRedrawsEveryChartItTouchesOnce() {
        List<Object> loss = changes(curves.lossChart());
        List<Object> forget = changes(curves.forgetChart());
        List<Object> retain = changes(curves.retainChart());
        curves.add(step(1));
        int lossAfterFirst = loss.size();
        curves.add(step(2));
        assertEquals(1, loss.size() - lossAfterFirst, "one redraw per step, not one per loss term");
        curves.add(snapshot(2));
        int forgetBefore = forget.size();
        int retainBefore = retain.size();
        curves.add(snapshot(4));
        assertEquals(1, forget.size() - forgetBefore, "one ACC_f redraw per snapshot, not one per class");
        assertEquals(1, retain.size() - retainBefore, "and ACC_r is redrawn too");
        var retainData = (XYSeriesCollection) curves.retainChart().getXYPlot().getDataset();
        assertEquals(List.of("a", "b"), List.of(retainData.getSeriesKey(0), retainData.getSeriesKey(1)));
        assertEquals(80.0, retainData.getSeries(1).getY(1).doubleValue(), 1e-9);
    }

    @Test
    void aBatchOfRecordsKeepsEveryPointAndRedrawsEachChartOnce() {
        curves.add(step(1));
        curves.add(snapshot(1));
        List<Object> loss = changes(curves.lossChart());
        List<Object> forget = changes(curves.forgetChart());
        List<Object> retain = changes(curves.retainChart());
        List<Progress> batch = new ArrayList<>();
        for (int s = 2; s <= 9; s++) {
            batch.add(step(s));
        }
        batch.add(snapshot(5));
        batch.add(snapshot(9));
        curves.addAll(batch);
        assertEquals(1, loss.size(), "eight steps, one redraw");
        assertEquals(1, forget.size(), "two snapshots, one ACC_f redraw");
        assertEquals(1, retain.size());
        assertEquals(9, curves.lossPoints("loss"));
        assertEquals(3 * 2 * 2, curves.snapshotPoints(), "three snapshots of two classes, ACC_f and ACC_r");

        curves.addAll(List.of(step(10)));
        assertEquals(2, loss.size());
        assertEquals(1, forget.size(), "a batch without snapshots leaves the accuracy charts alone");
    }

    @Test
    void aResumedRunReplacesThePointsItRunsAgain() {
        for (int s = 1; s <= 5; s++) {
            curves.add(step(s));
        }
        curves.add(snapshot(4));
        curves.add(step(3));
        assertEquals(3, curves.lossPoints("loss"));
        assertEquals(0, curves.snapshotPoints(), "the snapshot of step 4 comes again when step 4 is run again");
        assertEquals("step,loss,retain,forget,sparsity,steps_per_second,samples_per_second,seconds_left\n"
                + "1,2.00000,0.500000,1.50000,0.00000,3.00000,100.000,5.00000\n",
                curves.stepsCsv().lines().limit(2).map(line -> line + "\n").reduce("", String::concat));
    }
}
