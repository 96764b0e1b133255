package dev.wfnet.app.forget;

import dev.wfnet.app.workspace.Workspace;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The filtered model's predictions per class set (sorted class lists) for one workspace, least
 * recently used first out, and the class sets still to evaluate before anyone asks: every single
 * class, then (for banks of up to {@value #PAIRS_UP_TO} classes) every pair.
 */
final class PredictionCache {
    /** Each set costs one int per test image (40 KB for 10,000). */
    static final int CAPACITY = 256;
    static final int PAIRS_UP_TO = 20;

    private final Map<List<Integer>, int[]> sets = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Integer>, int[]> eldest) {
            return size() > CAPACITY;
        }
    };
    private final Deque<List<Integer>> toPrefetch = new ArrayDeque<>();
    private Workspace owner;

    /** Starts over for a workspace: nothing forgotten is the original model, whose predictions it holds. */
    void reset(Workspace now, int[] bankClasses, boolean prefetch) {
        sets.clear();
        toPrefetch.clear();
        owner = now;
        if (now == null) {
            return;
        }
        sets.put(List.of(), now.originalPredictions());
        if (!prefetch) {
            return;
        }
        for (int c : bankClasses) {
            toPrefetch.add(List.of(c));
        }
        if (bankClasses.length <= PAIRS_UP_TO) {
            for (int i = 0; i < bankClasses.length; i++) {
                for (int j = i + 1; j < bankClasses.length; j++) {
                    toPrefetch.add(List.of(bankClasses[i], bankClasses[j]));
                }
            }
        }
    }

    boolean belongsTo(Workspace workspace) {
        return owner == workspace;
    }

    /** The predictions of a class set, or null. */
    int[] get(List<Integer> classes) {
        return sets.get(classes);
    }

    void put(List<Integer> classes, int[] predictions) {
        sets.put(List.copyOf(classes), predictions);
    }

    int size() {
        return sets.size();
    }

    /** The next set nobody asked for yet, taken off the queue. */
    Optional<List<Integer>> nextToPrefetch() {
        while (!toPrefetch.isEmpty() && sets.containsKey(toPrefetch.peek())) {
            toPrefetch.poll();
        }
        return Optional.ofNullable(toPrefetch.poll());
    }

    /** How many sets wait to be prefetched (some may be cached meanwhile). */
    int waiting() {
        return toPrefetch.size();
    }

    /** Puts back a set whose prefetch was interrupted, first in line. */
    void prefetchLater(List<Integer> classes) {
        toPrefetch.addFirst(classes);
    }

    void stopPrefetching() {
        toPrefetch.clear();
    }
}
