package dev.wfnet.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * Average-linkage (UPGMA) agglomerative clustering of a distance matrix: the distance between two
 * clusters is the mean distance over all pairs of their members. Used to order classes so that
 * those whose rows switch off the same weights sit side by side in a heatmap.
 *
 * <p>Deterministic: among pairs whose distance ties with the smallest (within {@link #TIE}), the
 * pair whose lower leaf indices come first lexicographically merges, i.e. clusters are compared
 * by their smallest member. The leaf order is an in-order walk with the cluster holding the lower
 * leaf index on the left. O(n^3) time, O(n^2) memory: instant for a bank's hundreds of rows.
 */
public final class AverageLinkage {
    /** Distances this close count as tied, so rounding in the averages cannot reorder them. */
    public static final double TIE = 1e-12;

    private AverageLinkage() {
    }

    /** Clusters {@code n} items given their symmetric {@code n x n} distances (diagonal ignored). */
    public static Dendrogram cluster(double[][] distances) {
        int n = distances.length;
        check(distances);
        if (n == 0) {
            return new Dendrogram(0, List.of(), new int[0]);
        }
        // slot i holds the cluster whose smallest leaf is i, so slot order is the tie-break order
        double[][] d = FilterScores.deepCopy(distances);
        boolean[] active = new boolean[n];
        int[] node = new int[n];
        int[] size = new int[n];
        java.util.Arrays.fill(active, true);
        java.util.Arrays.fill(size, 1);
        for (int i = 0; i < n; i++) {
            node[i] = i;
        }
        List<Dendrogram.Merge> merges = new ArrayList<>();
        int[][] children = new int[n - 1][];
        for (int step = 0; step < n - 1; step++) {
            int bestI = -1;
            int bestJ = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (!active[i]) {
                    continue;
                }
                for (int j = i + 1; j < n; j++) {
                    if (active[j] && (bestI < 0 || d[i][j] < best - TIE)) {
                        best = d[i][j];
                        bestI = i;
                        bestJ = j;
                    }
                }
            }
            int merged = size[bestI] + size[bestJ];
            merges.add(new Dendrogram.Merge(node[bestI], node[bestJ], best, merged));
            children[step] = new int[] {node[bestI], node[bestJ]};
            for (int k = 0; k < n; k++) {
                if (active[k] && k != bestI && k != bestJ) {
                    double average = (size[bestI] * d[bestI][k] + size[bestJ] * d[bestJ][k]) / merged;
                    d[bestI][k] = average;
                    d[k][bestI] = average;
                }
            }
            active[bestJ] = false;
            node[bestI] = n + step;
            size[bestI] = merged;
        }
        int[] order = new int[n];
        leafOrder(n == 1 ? 0 : 2 * n - 2, n, children, order, new int[] {0});
        return new Dendrogram(n, merges, order);
    }

    /** An in-order walk, iterative so a deep chain of merges cannot overflow the stack. */
    private static void leafOrder(int root, int n, int[][] children, int[] order, int[] next) {
        java.util.ArrayDeque<Integer> stack = new java.util.ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            int cluster = stack.pop();
            if (cluster < n) {
                order[next[0]++] = cluster;
            } else {
                stack.push(children[cluster - n][1]);
                stack.push(children[cluster - n][0]);
            }
        }
    }

    private static void check(double[][] distances) {
        int n = distances.length;
        for (int i = 0; i < n; i++) {
            if (distances[i].length != n) {
                throw new IllegalArgumentException("distances must be square: row " + i + " has "
                        + distances[i].length + " entries, expected " + n);
            }
            for (int j = 0; j < n; j++) {
                double value = distances[i][j];
                if (i != j && (!Double.isFinite(value) || Math.abs(value - distances[j][i]) > 1e-9)) {
                    throw new IllegalArgumentException("distances must be finite and symmetric: d[" + i + "][" + j
                            + "] = " + value + ", d[" + j + "][" + i + "] = " + distances[j][i]);
                }
            }
        }
    }
}
