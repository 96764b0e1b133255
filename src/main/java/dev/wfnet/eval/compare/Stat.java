package dev.wfnet.eval.compare;

import java.util.Arrays;

/**
 * Mean and sample standard deviation (n - 1 in the denominator; 0 for a single value) of the
 * values that are numbers.
 *
 * @param mean the mean, NaN without values
 * @param std the sample standard deviation
 * @param count how many values there were
 */
public record Stat(double mean, double std, int count) {

    public static Stat of(double[] values) {
        double[] numbers = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        if (numbers.length == 0) {
            return new Stat(Double.NaN, Double.NaN, 0);
        }
        double mean = Arrays.stream(numbers).average().orElseThrow();
        double squares = Arrays.stream(numbers).map(v -> (v - mean) * (v - mean)).sum();
        double std = numbers.length == 1 ? 0 : Math.sqrt(squares / (numbers.length - 1));
        return new Stat(mean, std, numbers.length);
    }

    public Stat scaled(double factor) {
        return new Stat(mean * factor, std * Math.abs(factor), count);
    }
}
