package dev.wfnet.app.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.app.SampleFiles;
import dev.wfnet.app.background.DirectJobRunner;
import dev.wfnet.app.background.Job;
import dev.wfnet.app.background.JobCallbacks;
import dev.wfnet.app.background.JobHandle;
import dev.wfnet.app.background.JobRunner;
import dev.wfnet.app.background.QueuedJobRunner;
import dev.wfnet.app.workspace.WorkspaceViewModel;
import dev.wfnet.eval.compare.Column;
import dev.wfnet.eval.compare.ComparisonReport;
import dev.wfnet.eval.compare.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Compare view's logic without a window: WF-Net and the original model on the sample, cached runs at once. */
class CompareViewModelTest {
    private static final int SANDAL = 5;
    private final SampleFiles.CollectedErrors errors = new SampleFiles.CollectedErrors();
    private WorkspaceViewModel workspace;

    @TempDir
    Path cache;

    /** Runs jobs at once and keeps their titles, to see which work was done. */
    private static final class CountingRunner implements JobRunner {
        final List<String> titles = new ArrayList<>();
        private final DirectJobRunner direct = new DirectJobRunner();

        @Override
        public <T> JobHandle start(String title, Job<T> job, JobCallbacks<T> callbacks) {
            titles.add(title);
            return direct.start(title, job, callbacks);
        }
    }

    @BeforeEach
    void open() {
        workspace = SampleFiles.openSample(errors);
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private CompareViewModel model(JobRunner runner) {
        CompareViewModel model = new CompareViewModel(workspace, runner, errors);
        model.setCacheDirectory(cache);
        model.methods().clear();
        model.methods().addAll(List.of(Method.WFNET, Method.ORIGINAL));
        model.classes().add(SANDAL);
        return model;
    }

    @Test
    void theBankForgetsTheClassTheOriginalDoesNotAndNothingIsMeasuredTwice() {
        CountingRunner runner = new CountingRunner();
        CompareViewModel model = model(runner);
        model.run();
        assertTrue(errors.messages.isEmpty(), errors.messages::toString);
        ComparisonReport report = model.reportProperty().get();
        assertNotNull(report);
        assertEquals(List.of(Method.WFNET, Method.ORIGINAL), report.methods());
        double wfnetUa = report.stat(Method.WFNET, Column.UA, OptionalInt.empty()).mean();
        double originalUa = report.stat(Method.ORIGINAL, Column.UA, OptionalInt.empty()).mean();
        assertTrue(wfnetUa > 0.9 && originalUa < 0.1, "UA: WF-Net " + wfnetUa + ", original " + originalUa);
        assertTrue(report.stat(Method.WFNET, Column.MIA, OptionalInt.empty()).mean()
                > report.stat(Method.ORIGINAL, Column.MIA, OptionalInt.empty()).mean());
        assertEquals(3, runner.titles.size(), "preparing, then one job per run: " + runner.titles);
        assertFalse(model.runningProperty().get());
        assertFalse(workspace.modelInUseProperty().get(), "the model is free again");
        assertEquals("Done: 2 run(s) measured.", model.statusProperty().get());

        // a later session on the same cache: the runs appear at once, nothing is measured again
        CountingRunner again = new CountingRunner();
        CompareViewModel next = model(again);
        next.run();
        assertEquals(List.of("Preparing the comparison"), again.titles);
        assertEquals("Every run was measured before.", next.statusProperty().get());
        assertEquals(report.runs(), next.reportProperty().get().runs());
        assertTrue(errors.messages.isEmpty(), errors.messages::toString);
    }

    @Test
    void theModelStaysInUseUntilEveryJobThatTookItIsDone() {
        QueuedJobRunner runner = new QueuedJobRunner();
        CompareViewModel model = model(runner);
        workspace.acquireModel(); // an untraining run, say
        model.run();
        model.cancel();
        runner.runAll();
        assertFalse(model.runningProperty().get());
        assertTrue(workspace.modelInUseProperty().get(), "the untraining run still uses the model");
        workspace.releaseModel();
        assertFalse(workspace.modelInUseProperty().get());
    }

    @Test
    void cancelStopsTheRunningJobAndDropsTheWaitingOnes() {
        QueuedJobRunner runner = new QueuedJobRunner();
        CompareViewModel model = model(runner);
        model.run();
        assertTrue(model.runningProperty().get());
        assertTrue(workspace.modelInUseProperty().get(), "the model cannot be replaced under the comparison");
        assertEquals("Preparing the comparison", runner.runNext());
        assertEquals("Comparing: run 1 of 2: WF-Net, Sandal, seed 0", runner.nextTitle());
        model.cancel();
        runner.runAll();
        assertFalse(model.runningProperty().get());
        assertFalse(workspace.modelInUseProperty().get());
        assertEquals("Cancelled.", model.statusProperty().get());
        assertNull(model.reportProperty().get(), "no run finished");
        assertTrue(errors.messages.isEmpty(), errors.messages::toString);
    }

    @Test
    void nothingChosenIsReportedNotRun() {
        CountingRunner runner = new CountingRunner();
        CompareViewModel model = model(runner);
        model.classes().clear();
        model.run();
        assertTrue(runner.titles.isEmpty());
        assertEquals(1, errors.messages.size());
        assertTrue(errors.messages.get(0).startsWith("Comparing: choose at least one method and one class"),
                errors.messages.get(0));
    }
}
