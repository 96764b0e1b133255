package dev.wfnet.app.untrain;

import java.util.function.Predicate;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One numeric setting typed as text. The text is kept as typed (not a number property) so that a
 * value which does not parse stays on screen with a message, instead of being silently reset.
 *
 * @param <T> the parsed type
 */
public final class FormField<T extends Number> {
    private final String key;
    private final String label;
    private final String category;
    private final String description;
    private final Kind<T> kind;
    private final String rule;
    private final Predicate<T> allowed;
    private final StringProperty text = new SimpleStringProperty(this, "text", "");

    /** How text becomes a value, and what the message calls that kind of value. */
    public record Kind<T>(String noun, java.util.function.Function<String, T> parse) {
        public static final Kind<Integer> WHOLE = new Kind<>("a whole number", Integer::parseInt);
        public static final Kind<Long> LONG = new Kind<>("a whole number", Long::parseLong);
        /** Only finite numbers: NaN and Infinity parse in Java but are never a sensible setting. */
        public static final Kind<Double> REAL = new Kind<>("a number", text -> {
            double value = Double.parseDouble(text);
            if (!Double.isFinite(value)) {
                throw new NumberFormatException(text);
            }
            return value;
        });
    }

    /**
     * @param key the name in saved state and in {@link dev.wfnet.unlearn.UntrainConfig#describe()}
     * @param rule the allowed range as the message states it (">= 1"); empty for any value
     */
    public FormField(String key, String label, String category, String description, Kind<T> kind, String rule,
                     Predicate<T> allowed, T initial) {
        this.key = key;
        this.label = label;
        this.category = category;
        this.description = description;
        this.kind = kind;
        this.rule = rule;
        this.allowed = allowed;
        set(initial);
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public String category() {
        return category;
    }

    public String description() {
        return description;
    }

    public StringProperty textProperty() {
        return text;
    }

    public void set(T value) {
        text.set(String.valueOf(value));
    }

    /** What is wrong with the text, or null when it is a valid value. */
    public String problem() {
        try {
            if (allowed.test(value())) {
                return null;
            }
        } catch (NumberFormatException e) {
            // reported below with the same message as a value out of range
        }
        return label + " must be " + kind.noun() + (rule.isEmpty() ? "" : " " + rule) + ", not '"
                + text.get().strip() + "'";
    }

    /** The value; call only when {@link #problem()} is null. */
    public T value() {
        return kind.parse().apply(text.get().strip());
    }
}
