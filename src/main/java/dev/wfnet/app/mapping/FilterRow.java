package dev.wfnet.app.mapping;

/**
 * One line of the chosen class's table: a filter it switches off most in a layer.
 *
 * @param layer the filtered tensor
 * @param rank 1 = the first in that layer
 * @param filter the filter index
 * @param meanAlpha the class's mean alpha over the filter's kernel
 * @param specificity how much more this class switches it off than the others do
 */
public record FilterRow(String layer, int rank, int filter, double meanAlpha, double specificity) {
}
