package dev.wfnet.settings;

import java.util.function.Predicate;

/**
 * Which values of a setting are allowed, and how a message states it after the value's noun
 * ("a whole number" + " of at least 1").
 *
 * @param text the range as a message states it; empty when every value of the type is allowed
 * @param allows whether a value is in the range
 * @param <T> the value's type
 */
public record Range<T>(String text, Predicate<T> allows) {

    public static <T> Range<T> any() {
        return new Range<>("", value -> true);
    }

    public static Range<Integer> atLeast(int min) {
        return new Range<>("of at least " + min, value -> value >= min);
    }

    public static Range<Double> atLeast(double min) {
        return new Range<>("of at least " + number(min), value -> value >= min);
    }

    public static Range<Double> above(double min) {
        return new Range<>("above " + number(min), value -> value > min);
    }

    public static Range<Double> between(double min, double max) {
        return new Range<>("from " + number(min) + " to " + number(max), value -> value >= min && value <= max);
    }

    public static Range<Integer> evenAtLeast(int min) {
        return new Range<>("that is even and at least " + min, value -> value >= min && value % 2 == 0);
    }

    public boolean contains(T value) {
        return allows.test(value);
    }

    /** 0 rather than 0.0, 0.5 as it is. */
    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }
}
