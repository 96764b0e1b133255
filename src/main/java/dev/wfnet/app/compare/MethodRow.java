package dev.wfnet.app.compare;

import dev.wfnet.eval.compare.Column;
import dev.wfnet.eval.compare.Method;
import java.util.Map;
import java.util.Set;

/**
 * One line of the comparison table: a method's cells as text, and the columns where it is best.
 *
 * @param method the method
 * @param cells each column's "mean ± std" text
 * @param best the columns where this method is best
 */
record MethodRow(Method method, Map<Column, String> cells, Set<Column> best) {
}
