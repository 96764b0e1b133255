package dev.wfnet.explain;

import java.util.List;

/**
 * The result of agglomerative clustering, in SciPy's linkage convention: leaves are clusters
 * {@code 0..n-1}; merge {@code i} creates cluster {@code n + i}.
 *
 * @param leaves how many items were clustered
 * @param merges the merges in the order they happened ({@code n - 1} of them)
 * @param leafOrder the leaves left to right as the dendrogram draws them: the order in which to
 *     show rows and columns so that similar classes sit together
 */
public record Dendrogram(int leaves, List<Merge> merges, int[] leafOrder) {

    /**
     * One merge.
     *
     * @param left the cluster drawn on the left: the one holding the lower leaf index
     * @param right the other cluster
     * @param distance the linkage distance at which they merged
     * @param size leaves in the new cluster
     */
    public record Merge(int left, int right, double distance, int size) {
    }

    public Dendrogram {
        merges = List.copyOf(merges);
        leafOrder = leafOrder.clone();
        if (leafOrder.length != leaves || merges.size() != Math.max(0, leaves - 1)) {
            throw new IllegalArgumentException("a dendrogram of " + leaves + " leaves needs " + (leaves - 1)
                    + " merges and " + leaves + " leaves in order");
        }
    }

    @Override
    public int[] leafOrder() {
        return leafOrder.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Dendrogram that && leaves == that.leaves && merges.equals(that.merges)
                && java.util.Arrays.equals(leafOrder, that.leafOrder);
    }

    @Override
    public int hashCode() {
        return merges.hashCode() * 31 + java.util.Arrays.hashCode(leafOrder);
    }

    @Override
    public String toString() {
        return "Dendrogram[leaves=" + leaves + ", order=" + java.util.Arrays.toString(leafOrder) + "]";
    }
}
