package dev.wfnet.settings;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One setting of a run: its name in files, its label in the window, its command-line option, its
 * type, default, range and description. Settings are defined once, in a {@link SettingTable}, and
 * everything that shows, reads or checks a setting asks it.
 *
 * @param <T> the value's type
 */
public final class Setting<T> {
    private final String key;
    private final String label;
    private final String group;
    private final String description;
    private final List<String> options;
    private final ValueType<T> type;
    private final Range<T> range;
    private final T defaultValue;

    private Setting(Builder<T> builder) {
        this.key = builder.key;
        this.label = builder.label;
        this.group = builder.group;
        this.description = builder.description;
        this.options = builder.options;
        this.type = builder.type;
        this.range = builder.range;
        this.defaultValue = builder.defaultValue;
        if (!range.contains(defaultValue)) {
            throw new IllegalArgumentException("the default of " + key + " is outside its own range");
        }
    }

    /**
     * Starts the definition of a setting; {@link SettingTable#add} finishes it. Unless told
     * otherwise its label is its key, its option {@code --key} (underscores as dashes), its range
     * every value of the type.
     */
    public static <T> Builder<T> of(String key, ValueType<T> type, T defaultValue) {
        return new Builder<>(key, type, defaultValue);
    }

    /** The name in saved settings: bank metadata, provenance, session files. */
    public String key() {
        return key;
    }

    /** The name the window shows and messages use. */
    public String label() {
        return label;
    }

    /** The window's group for it ("Run", "Objective"); empty if none. */
    public String group() {
        return group;
    }

    public String description() {
        return description;
    }

    /** The command line's names for it, the long one first. */
    public List<String> options() {
        return options;
    }

    public ValueType<T> type() {
        return type;
    }

    public Range<T> range() {
        return range;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** The default as text. */
    public String defaultText() {
        return type.format(defaultValue);
    }

    /** What a value must be: "a whole number that is even and at least 2". */
    public String rule() {
        return type.noun() + (range.text().isEmpty() ? "" : " " + range.text());
    }

    /** "{@code name} must be {@link #rule()}, not '{@code text}'". */
    public String refusal(String name, String text) {
        return name + " must be " + rule() + ", not '" + text.strip() + "'";
    }

    /**
     * The value a text stands for.
     *
     * @throws InvalidSettingException when it is not a value of the type or not in the range
     */
    public T parse(String text) {
        T value;
        try {
            value = type.parse(text);
        } catch (IllegalArgumentException notOfTheType) {
            throw new InvalidSettingException(this, text);
        }
        if (!range.contains(value)) {
            throw new InvalidSettingException(this, text);
        }
        return value;
    }

    /**
     * The value itself when it is in the range.
     *
     * @throws InvalidSettingException otherwise
     */
    public T check(T value) {
        Objects.requireNonNull(value, key);
        if (!range.contains(value)) {
            throw new InvalidSettingException(this, type.format(value));
        }
        return value;
    }

    /** What is wrong with a text as this setting's value, or null when nothing is. */
    public String problem(String text) {
        try {
            parse(text);
            return null;
        } catch (InvalidSettingException e) {
            return e.getMessage();
        }
    }

    @Override
    public String toString() {
        return key;
    }

    /** The parts of a definition that have defaults. */
    public static final class Builder<T> {
        private final String key;
        private final ValueType<T> type;
        private final T defaultValue;
        private String label;
        private String group = "";
        private String description = "";
        private List<String> options;
        private Range<T> range = Range.any();

        private Builder(String key, ValueType<T> type, T defaultValue) {
            this.key = key;
            this.type = type;
            this.defaultValue = Objects.requireNonNull(defaultValue, key);
            this.label = key;
            this.options = List.of("--" + key.toLowerCase(Locale.ROOT).replace('_', '-'));
        }

        public Builder<T> label(String text) {
            this.label = text;
            return this;
        }

        public Builder<T> group(String name) {
            this.group = name;
            return this;
        }

        public Builder<T> description(String text) {
            this.description = text;
            return this;
        }

        /** The command line's names, the long one first. */
        public Builder<T> options(String... names) {
            this.options = List.of(names);
            return this;
        }

        public Builder<T> range(Range<T> allowed) {
            this.range = allowed;
            return this;
        }

        String key() {
            return key;
        }

        Setting<T> build() {
            return new Setting<>(this);
        }
    }
}
