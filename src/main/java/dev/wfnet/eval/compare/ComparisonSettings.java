package dev.wfnet.eval.compare;

import dev.wfnet.unlearn.baselines.BaselineSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What to compare: the methods, the forgotten classes, the seeds, the baselines' settings and the
 * attacker's sample size.
 *
 * @param methods in the order of the report
 * @param classes the forgotten classes, one at a time
 * @param seeds every run is repeated with each
 * @param baselines the baselines' hyper-parameters
 * @param miaSamples at most this many members and non-members train the attacker; 0: all (the reference)
 */
public record ComparisonSettings(List<Method> methods, int[] classes, long[] seeds, BaselineSettings baselines,
                                 int miaSamples) {

    public ComparisonSettings {
        methods = List.copyOf(methods);
        classes = classes.clone();
        seeds = seeds.clone();
        if (methods.isEmpty() || classes.length == 0 || seeds.length == 0) {
            throw new IllegalArgumentException("a comparison needs at least one method, one class and one seed");
        }
        if (Arrays.stream(classes).distinct().count() != classes.length
                || Arrays.stream(seeds).distinct().count() != seeds.length) {
            throw new IllegalArgumentException("a class or a seed is listed twice");
        }
        if (miaSamples < 0) {
            throw new IllegalArgumentException("the attacker's sample size cannot be negative");
        }
    }

    /** Seeds 0 to {@code count - 1}. */
    public static long[] firstSeeds(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one seed is needed, not " + count);
        }
        return java.util.stream.LongStream.range(0, count).toArray();
    }

    @Override
    public int[] classes() {
        return classes.clone();
    }

    @Override
    public long[] seeds() {
        return seeds.clone();
    }

    /** Every run, classes outermost, then seeds, then methods (so Retrain of a class and seed comes with its peers). */
    public List<RunKey> runs() {
        List<RunKey> runs = new ArrayList<>();
        for (int c : classes) {
            for (long seed : seeds) {
                for (Method method : methods) {
                    runs.add(new RunKey(method, c, seed));
                }
            }
        }
        return runs;
    }

    /** The settings of one method, as text, for its rows. */
    public Map<String, String> describe(Method method) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        method.baseline().ifPresent(b -> map.putAll(baselines.describe(b)));
        map.put("mia.samples_per_side", miaSamples == 0 ? "all" : Integer.toString(miaSamples));
        return map;
    }
}
