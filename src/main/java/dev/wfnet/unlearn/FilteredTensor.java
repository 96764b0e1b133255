package dev.wfnet.unlearn;

import java.util.Arrays;

/**
 * One parameter a bank filters, and the shape of its alphas: {@code rows x shape} for weight
 * granularity, {@code rows x out x 1 x ... x 1} for filter granularity, so a row broadcasts
 * over the parameter in both cases.
 *
 * @param name the parameter's name in the architecture
 * @param parameterShape the parameter's shape
 * @param alphaShape the shape of the alpha tensor, all rows included
 */
public record FilteredTensor(String name, long[] parameterShape, long[] alphaShape) {

    public FilteredTensor {
        parameterShape = parameterShape.clone();
        alphaShape = alphaShape.clone();
    }

    static FilteredTensor of(String name, long[] parameterShape, int rows, Granularity granularity) {
        long[] alpha = new long[parameterShape.length + 1];
        alpha[0] = rows;
        for (int i = 0; i < parameterShape.length; i++) {
            alpha[i + 1] = granularity == Granularity.WEIGHT || i == 0 ? parameterShape[i] : 1;
        }
        return new FilteredTensor(name, parameterShape, alpha);
    }

    @Override
    public long[] parameterShape() {
        return parameterShape.clone();
    }

    @Override
    public long[] alphaShape() {
        return alphaShape.clone();
    }

    /** The shape of one row's alphas. */
    public long[] rowShape() {
        return Arrays.copyOfRange(alphaShape, 1, alphaShape.length);
    }

    /** Alphas in one row. */
    public long alphasPerRow() {
        long count = 1;
        for (int i = 1; i < alphaShape.length; i++) {
            count *= alphaShape[i];
        }
        return count;
    }

    /** Output channels or units (the first dimension of the parameter). */
    public long filters() {
        return parameterShape[0];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FilteredTensor that && name.equals(that.name)
                && Arrays.equals(parameterShape, that.parameterShape) && Arrays.equals(alphaShape, that.alphaShape);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
