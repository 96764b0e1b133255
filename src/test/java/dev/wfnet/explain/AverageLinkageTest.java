package dev.wfnet.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Average-linkage clustering against merges worked out by hand, ties included. */
class AverageLinkageTest {
    private static final double EXACT = 1e-12;

    @Test
    void twoObviousClustersInterleavedInTheInputComeOutSideBySide() {
        // clusters {0, 2} and {1, 3}
        double[][] d = {
            {0, 0.8, 0.1, 0.9},
            {0.8, 0, 0.7, 0.2},
            {0.1, 0.7, 0, 0.8},
            {0.9, 0.2, 0.8, 0},
        };
        Dendrogram dendrogram = AverageLinkage.cluster(d);
        assertEquals(List.of(new Dendrogram.Merge(0, 2, 0.1, 2), new Dendrogram.Merge(1, 3, 0.2, 2)),
                dendrogram.merges().subList(0, 2));
        // {0,2} to {1,3}: the mean of d(0,1), d(0,3), d(2,1), d(2,3) = (0.8 + 0.9 + 0.7 + 0.8) / 4
        Dendrogram.Merge last = dendrogram.merges().get(2);
        assertEquals(4, last.left());
        assertEquals(5, last.right());
        assertEquals(0.8, last.distance(), EXACT);
        assertEquals(4, last.size());
        assertArrayEquals(new int[] {0, 2, 1, 3}, dendrogram.leafOrder());
    }

    @Test
    void averageNotSingleOrCompleteLinkage() {
        // after {0,1} merges: d({0,1}, 2) = (0.3 + 0.9) / 2 = 0.6 (single would say 0.3, complete 0.9),
        // which is above d(2,3) = 0.5, so {2,3} merges next
        double[][] d = {
            {0, 0.1, 0.3, 1},
            {0.1, 0, 0.9, 1},
            {0.3, 0.9, 0, 0.5},
            {1, 1, 0.5, 0},
        };
        Dendrogram dendrogram = AverageLinkage.cluster(d);
        assertMerge(2, 3, 0.5, 2, dendrogram.merges().get(1));
        assertEquals((0.3 + 1 + 0.9 + 1) / 4, dendrogram.merges().get(2).distance(), EXACT);
        assertArrayEquals(new int[] {0, 1, 2, 3}, dendrogram.leafOrder());
    }

    @Test
    void tiesMergeThePairWithTheLowestIndicesFirst() {
        double[][] d = {
            {0, 1, 0.5, 1},
            {1, 0, 1, 0.5},
            {0.5, 1, 0, 1},
            {1, 0.5, 1, 0},
        };
        Dendrogram dendrogram = AverageLinkage.cluster(d);
        assertMerge(0, 2, 0.5, 2, dendrogram.merges().get(0));
        assertMerge(1, 3, 0.5, 2, dendrogram.merges().get(1));
        assertArrayEquals(new int[] {0, 2, 1, 3}, dendrogram.leafOrder());
        double[][] allEqual = {{0, 1, 1}, {1, 0, 1}, {1, 1, 0}};
        assertArrayEquals(new int[] {0, 1, 2}, AverageLinkage.cluster(allEqual).leafOrder());
        assertMerge(0, 1, 1, 2, AverageLinkage.cluster(allEqual).merges().get(0));
    }

    @Test
    void theMergedClusterWithTheLowerLeafIsDrawnOnTheLeft() {
        // 2 and 3 merge first; then 1 joins them; 0 joins last, on the left though it merged last
        double[][] d = {
            {0, 0.9, 0.9, 0.9},
            {0.9, 0, 0.3, 0.3},
            {0.9, 0.3, 0, 0.1},
            {0.9, 0.3, 0.1, 0},
        };
        Dendrogram dendrogram = AverageLinkage.cluster(d);
        assertMerge(2, 3, 0.1, 2, dendrogram.merges().get(0));
        assertMerge(1, 4, 0.3, 3, dendrogram.merges().get(1));
        assertMerge(0, 5, 0.9, 4, dendrogram.merges().get(2));
        assertArrayEquals(new int[] {0, 1, 2, 3}, dendrogram.leafOrder());
    }

    @Test
    void smallInputs() {
        assertArrayEquals(new int[0], AverageLinkage.cluster(new double[0][0]).leafOrder());
        Dendrogram one = AverageLinkage.cluster(new double[][] {{0}});
        assertArrayEquals(new int[] {0}, one.leafOrder());
        assertEquals(0, one.merges().size());
    }

    @Test
    void asymmetricOrNonSquareDistancesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> AverageLinkage.cluster(new double[][] {{0, 1}, {2, 0}}));
        assertThrows(IllegalArgumentException.class, () -> AverageLinkage.cluster(new double[][] {{0, 1}, {1}}));
        assertThrows(IllegalArgumentException.class,
                () -> AverageLinkage.cluster(new double[][] {{0, Double.NaN}, {Double.NaN, 0}}));
    }

    static void assertMerge(int left, int right, double distance, int size, Dendrogram.Merge merge) {
        assertEquals(left, merge.left(), "left of " + merge);
        assertEquals(right, merge.right(), "right of " + merge);
        assertEquals(distance, merge.distance(), 1e-12, "distance of " + merge);
        assertEquals(size, merge.size(), "size of " + merge);
    }
}
