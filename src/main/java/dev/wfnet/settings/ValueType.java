package dev.wfnet.settings;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How a setting's value is written as text and read back, and what a message calls that kind of
 * value ("a whole number"). The text is what files, the command line and the window's text fields
 * hold, so one type serves all three.
 *
 * @param <T> the value's type
 */
public final class ValueType<T> {
    /** An {@code int}. */
    public static final ValueType<Integer> WHOLE = new ValueType<>(Integer.class, "a whole number", Integer::parseInt,
            String::valueOf);
    /** A {@code long}. */
    public static final ValueType<Long> LONG = new ValueType<>(Long.class, "a whole number", Long::parseLong,
            String::valueOf);
    /** A finite {@code double}: NaN and Infinity parse in Java but are never a sensible setting. */
    public static final ValueType<Double> REAL = new ValueType<>(Double.class, "a number", ValueType::finite,
            String::valueOf);
    /** A yes/no switch written "true" or "false"; the command line makes it a flag. */
    public static final ValueType<Boolean> FLAG = flag("true", "false");

    private final Class<T> javaType;
    private final String noun;
    private final Function<String, T> parse;
    private final Function<T, String> format;

    private ValueType(Class<T> javaType, String noun, Function<String, T> parse, Function<T, String> format) {
        this.javaType = javaType;
        this.noun = noun;
        this.parse = parse;
        this.format = format;
    }

    /**
     * Any other type.
     *
     * @param parse text to a value; throws IllegalArgumentException (NumberFormatException is one)
     *     when the text is not a value of this type
     */
    public static <T> ValueType<T> of(Class<T> javaType, String noun, Function<String, T> parse,
                                      Function<T, String> format) {
        return new ValueType<>(javaType, noun, parse, format);
    }

    /** A switch whose two states are written as two words ("cosine" and "constant"). */
    public static ValueType<Boolean> flag(String whenOn, String whenOff) {
        String noun = whenOn.equals("true") ? "true or false" : whenOn + " or " + whenOff;
        return new ValueType<>(Boolean.class, noun, text -> {
            if (text.equalsIgnoreCase(whenOn) || text.equalsIgnoreCase("true")) {
                return true;
            }
            if (text.equalsIgnoreCase(whenOff) || text.equalsIgnoreCase("false")) {
                return false;
            }
            throw new IllegalArgumentException(text);
        }, on -> on ? whenOn : whenOff);
    }

    /** One constant of an enum, written as its name in lower case; the name in any case is read. */
    public static <E extends Enum<E>> ValueType<E> choice(Class<E> type) {
        String names = Arrays.stream(type.getEnumConstants()).map(ValueType::lowerCase)
                .collect(Collectors.joining(", "));
        return new ValueType<>(type, "one of " + names, text -> Enum.valueOf(type, text.toUpperCase(Locale.ROOT)),
                ValueType::lowerCase);
    }

    private static String lowerCase(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    private static double finite(String text) {
        double value = Double.parseDouble(text);
        if (!Double.isFinite(value)) {
            throw new NumberFormatException(text);
        }
        return value;
    }

    public Class<T> javaType() {
        return javaType;
    }

    /** What a message calls a value of this type: "a whole number", "one of weight, filter". */
    public String noun() {
        return noun;
    }

    /** Whether the value is a yes/no switch (a flag on the command line, a check box in the window). */
    public boolean isFlag() {
        return javaType == Boolean.class;
    }

    /** The constants of an enum type, for a choice; empty for any other type. */
    public List<T> choices() {
        return javaType.isEnum() ? List.of(javaType.getEnumConstants()) : List.of();
    }

    /**
     * The value a text stands for (surrounding white space ignored).
     *
     * @throws IllegalArgumentException when it is not a value of this type
     */
    public T parse(String text) {
        return Objects.requireNonNull(parse.apply(text.strip()), "parsed value");
    }

    public String format(T value) {
        return format.apply(value);
    }
}
