package dev.wfnet.explain;

/**
 * One filter in a class's list of the class-to-filter map.
 *
 * @param filter the filter (output channel or unit) index in its layer
 * @param meanAlpha the class's mean alpha over the filter's kernel
 * @param specificity how much more this class switches the filter off than the others (see
 *     {@link FilterScores})
 */
public record FilterEntry(int filter, double meanAlpha, double specificity) {
}
