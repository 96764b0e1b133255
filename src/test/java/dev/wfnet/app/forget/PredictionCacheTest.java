package dev.wfnet.app.forget;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.app.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PredictionCacheTest {
    /** Only originalPredictions() is read; the rest of a workspace does not matter here. */
    private static final Workspace WORKSPACE = new Workspace(null, null, "none", null, new int[] {4, 2}, Optional.empty());

    private static List<List<Integer>> drain(PredictionCache cache) {
        List<List<Integer>> order = new ArrayList<>();
        for (Optional<List<Integer>> next = cache.nextToPrefetch(); next.isPresent(); next = cache.nextToPrefetch()) {
            order.add(next.get());
        }
        return order;
    }

    @Test
    void holdsTheOriginalPredictionsAndQueuesSinglesThenPairs() {
        PredictionCache cache = new PredictionCache();
        cache.reset(WORKSPACE, new int[] {1, 3, 8}, true);
        assertArrayEquals(new int[] {4, 2}, cache.get(List.of()));
        cache.put(List.of(3), new int[] {0, 0});
        assertEquals(List.of(List.of(1), List.of(8), List.of(1, 3), List.of(1, 8), List.of(3, 8)), drain(cache),
                "cached sets are skipped");
    }

    @Test
    void anInterruptedSetComesBackFirstAndWithoutPrefetchNothingIsQueued() {
        PredictionCache cache = new PredictionCache();
        cache.reset(WORKSPACE, new int[] {1, 3}, true);
        List<Integer> first = cache.nextToPrefetch().orElseThrow();
        cache.prefetchLater(first);
        assertEquals(first, cache.nextToPrefetch().orElseThrow());
        cache.reset(WORKSPACE, new int[] {1, 3}, false);
        assertTrue(cache.nextToPrefetch().isEmpty());
    }

    @Test
    void banksOfManyClassesGetSinglesOnlyAndTheLeastRecentlyUsedSetLeavesFirst() {
        PredictionCache cache = new PredictionCache();
        int[] hundred = java.util.stream.IntStream.range(0, 100).toArray();
        cache.reset(WORKSPACE, hundred, true);
        assertEquals(100, drain(cache).size(), "4,950 pairs would be too many to evaluate unasked");
        for (int c = 0; c < PredictionCache.CAPACITY; c++) {
            cache.put(List.of(c), new int[] {c});
            cache.get(List.of());
        }
        assertEquals(PredictionCache.CAPACITY, cache.size());
        assertNull(cache.get(List.of(0)), "the oldest set unused since went first");
        assertArrayEquals(new int[] {4, 2}, cache.get(List.of()), "the original, used all along, stays");
    }
}
