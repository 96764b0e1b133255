package dev.wfnet.app.background;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.jobs.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The coalescer on a hand-driven clock and timer: every delivery is at a known time. */
class ProgressCoalescerTest {
    private static final long MS = 1_000_000L;

    private long now;
    private final List<ScheduledTask> timer = new ArrayList<>();
    private final List<List<Long>> batches = new ArrayList<>();
    private final List<Long> deliveredAt = new ArrayList<>();
    private final ProgressCoalescer coalescer = new ProgressCoalescer(() -> now,
            (task, delay) -> timer.add(new ScheduledTask(now + delay, task)), 100 * MS, batch -> {
                batches.add(batch.stream().map(Progress::step).toList());
                deliveredAt.add(now);
            });

    private record ScheduledTask(long due, Runnable task) {
    }

    private static Progress step(long step) {
        return new Progress("step", step, 1000, 0, Double.NaN, Map.of());
    }

    /** Moves the clock on, running each timer task when its time comes. */
    private void advanceTo(long time) {
        timer.sort(java.util.Comparator.comparingLong(ScheduledTask::due));
        while (!timer.isEmpty() && timer.get(0).due() <= time) {
            ScheduledTask next = timer.remove(0);
            now = next.due();
            next.task().run();
        }
        now = time;
    }

    @Test
    void aStepEveryMillisecondReachesTheWindowTenTimesASecondWithEveryRecord() {
        for (long step = 1; step <= 1000; step++) {
            advanceTo(step * MS);
            coalescer.offer(step(step));
        }
        coalescer.flush();
        assertEquals(11, batches.size(), "the first record at once, then one batch per 100 ms, then the rest");
        for (int i = 1; i < deliveredAt.size(); i++) {
            assertTrue(deliveredAt.get(i) - deliveredAt.get(i - 1) >= 100 * MS || i == deliveredAt.size() - 1,
                    "batches " + (i - 1) + " and " + i + " at " + deliveredAt);
        }
        List<Long> all = batches.stream().flatMap(List::stream).toList();
        assertEquals(java.util.stream.LongStream.rangeClosed(1, 1000).boxed().toList(), all,
                "no record is dropped or reordered");
        assertEquals(1000L, batches.get(batches.size() - 1).get(batches.get(batches.size() - 1).size() - 1),
                "the final record is delivered");
    }

    @Test
    void aRecordFollowedBySilenceIsDeliveredWhenItsIntervalEnds() {
        now = 0;
        coalescer.offer(step(1));
        advanceTo(30 * MS);
        coalescer.offer(step(2));
        assertEquals(List.of(List.of(1L)), batches, "the second waits: the first batch is 30 ms old");
        advanceTo(99 * MS);
        assertEquals(1, batches.size());
        advanceTo(5_000 * MS);
        assertEquals(List.of(List.of(1L), List.of(2L)), batches, "no further record is needed to show step 2");
        assertEquals(List.of(0L, 100 * MS), deliveredAt);
    }

    @Test
    void slowStepsAreDeliveredOneByOneAtOnce() {
        for (long step = 1; step <= 3; step++) {
            advanceTo(step * 500 * MS);
            coalescer.offer(step(step));
        }
        assertEquals(List.of(List.of(1L), List.of(2L), List.of(3L)), batches);
        assertEquals(List.of(500 * MS, 1000 * MS, 1500 * MS), deliveredAt);
        assertTrue(timer.isEmpty(), "nothing waits");
    }

    @Test
    void flushHandsOnWhatWaitsAndTheTimerThenFindsNothing() {
        coalescer.offer(step(1));
        advanceTo(10 * MS);
        coalescer.offer(step(2));
        coalescer.offer(step(3));
        coalescer.flush();
        assertEquals(List.of(List.of(1L), List.of(2L, 3L)), batches);
        advanceTo(1_000 * MS);
        assertEquals(2, batches.size(), "the due delivery finds nothing left");
        coalescer.flush();
        assertEquals(2, batches.size(), "an empty flush delivers nothing");
    }
}
