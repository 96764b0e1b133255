package dev.wfnet.explain;

/**
 * How much one bank row switches off one filtered layer. Counts are over the stored alphas: at
 * filter granularity one alpha stands for a whole filter, so "alphas" and "filters" agree there.
 *
 * @param row the bank row
 * @param layer the filtered tensor's name
 * @param alphas alphas of this row in this layer
 * @param alphasBelow how many of those alphas are strictly below the threshold
 * @param meanAlpha the mean of those alphas (1 = untouched)
 * @param filters filters (output channels or units) in the layer
 * @param filtersSwitchedOff filters whose mean alpha is strictly below the threshold
 */
public record LayerStatistics(int row, String layer, long alphas, long alphasBelow, double meanAlpha, int filters,
                              int filtersSwitchedOff) {

    public static LayerStatistics of(LayerAlphas layer, FilterScores scores, int row, double threshold) {
        int off = 0;
        for (int f = 0; f < layer.filters(); f++) {
            if (scores.switchedOff(row, f, threshold)) {
                off++;
            }
        }
        return new LayerStatistics(row, layer.name(), layer.alphasPerRow(),
                layer.countBelow(row, threshold), layer.rowMean(row),
                layer.filters(), off);
    }

    /** The fraction of the alphas strictly below the threshold. */
    public double fractionBelow() {
        return (double) alphasBelow / alphas;
    }

    public double fractionOfFiltersSwitchedOff() {
        return (double) filtersSwitchedOff / filters;
    }
}
