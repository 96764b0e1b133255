package dev.wfnet.settings;

import java.util.Map;

/**
 * A run's configuration: one checked value for each setting of its table, immutable. Subclasses
 * add typed accessors ({@code steps()}) where code reads a setting often; {@link #get} reads any.
 *
 * @param <C> the subclass itself
 */
public abstract class Configuration<C extends Configuration<C>> {
    private final SettingTable<C> table;
    private final SettingValues values;

    protected Configuration(SettingTable<C> table, SettingValues values) {
        if (!values.settings().equals(table.settings())) {
            throw new IllegalArgumentException("values of other settings: " + values);
        }
        this.table = table;
        this.values = values;
    }

    /** The value of one setting. */
    public final <T> T get(Setting<T> setting) {
        return values.get(setting);
    }

    /** Settings to set, starting from these. */
    public final SettingsBuilder<C> toBuilder() {
        return new SettingsBuilder<>(table, values);
    }

    /**
     * The same settings but one.
     *
     * @throws InvalidSettingException when the value is outside the setting's range
     */
    public final <T> C with(Setting<T> setting, T value) {
        return toBuilder().set(setting, value).build();
    }

    /** Every setting's value as text, by key, in the table's order: for provenance and metadata. */
    public Map<String, String> describe() {
        return values.describe();
    }

    /** Equal when of the same class and every setting has the same value (as text). */
    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass()
                && values.equals(((Configuration<?>) other).values);
    }

    @Override
    public final int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
