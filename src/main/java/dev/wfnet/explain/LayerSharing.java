package dev.wfnet.explain;

/**
 * How the classes of a bank share a layer's filters: a filter is switched off by a class when
 * its mean alpha in that class's row is strictly below the threshold; it is exclusive when
 * exactly one class switches it off and shared when two or more do.
 *
 * @param layer the filtered tensor's name
 * @param filters filters in the layer
 * @param exclusive filters switched off by exactly one class
 * @param shared filters switched off by two or more classes
 * @param exclusiveByRow per bank row, the exclusive filters that belong to it
 * @param switchedOffByRow per bank row, the filters it switches off (exclusive or shared)
 */
public record LayerSharing(String layer, int filters, int exclusive, int shared, int[] exclusiveByRow,
                           int[] switchedOffByRow) {

    public LayerSharing {
        exclusiveByRow = exclusiveByRow.clone();
        switchedOffByRow = switchedOffByRow.clone();
    }

    public static LayerSharing of(FilterScores scores, double threshold) {
        int rows = scores.rows();
        int[] exclusiveByRow = new int[rows];
        int[] offByRow = new int[rows];
        int exclusive = 0;
        int shared = 0;
        for (int f = 0; f < scores.filters(); f++) {
            int count = 0;
            int last = -1;
            for (int r = 0; r < rows; r++) {
                if (scores.switchedOff(r, f, threshold)) {
                    count++;
                    last = r;
                    offByRow[r]++;
                }
            }
            if (count == 1) {
                exclusive++;
                exclusiveByRow[last]++;
            } else if (count >= 2) {
                shared++;
            }
        }
        return new LayerSharing(scores.layer(), scores.filters(), exclusive, shared, exclusiveByRow, offByRow);
    }

    /** Filters no class switches off. */
    public int untouched() {
        return filters - exclusive - shared;
    }

    @Override
    public int[] exclusiveByRow() {
        return exclusiveByRow.clone();
    }

    @Override
    public int[] switchedOffByRow() {
        return switchedOffByRow.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LayerSharing that && layer.equals(that.layer) && filters == that.filters
                && exclusive == that.exclusive && shared == that.shared
                && java.util.Arrays.equals(exclusiveByRow, that.exclusiveByRow)
                && java.util.Arrays.equals(switchedOffByRow, that.switchedOffByRow);
    }

    @Override
    public int hashCode() {
        return layer.hashCode() * 31 + java.util.Arrays.hashCode(exclusiveByRow);
    }

    @Override
    public String toString() {
        return "LayerSharing[" + layer + ": " + exclusive + " exclusive, " + shared + " shared of " + filters + "]";
    }
}
