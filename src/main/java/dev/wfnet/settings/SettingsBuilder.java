package dev.wfnet.settings;

import java.util.Map;

/**
 * The values of a table's settings being set; every setting not set keeps the value it started
 * with (its default, or the configuration's it was made from).
 *
 * @param <C> the configuration {@link #build()} makes
 */
public final class SettingsBuilder<C> {
    private final SettingTable<C> table;
    private final Map<Setting<?>, Object> values;

    SettingsBuilder(SettingTable<C> table, SettingValues start) {
        this.table = table;
        this.values = start.toMap();
    }

    /**
     * Sets a value.
     *
     * @throws InvalidSettingException when it is outside the setting's range
     */
    public <T> SettingsBuilder<C> set(Setting<T> setting, T value) {
        requireInTable(setting);
        values.put(setting, setting.check(value));
        return this;
    }

    /**
     * Sets a value from its text.
     *
     * @throws InvalidSettingException when the text is not a value of the setting's type and range
     */
    public SettingsBuilder<C> parse(Setting<?> setting, String text) {
        requireInTable(setting);
        values.put(setting, setting.parse(text));
        return this;
    }

    public <T> T get(Setting<T> setting) {
        requireInTable(setting);
        return setting.type().javaType().cast(values.get(setting));
    }

    private void requireInTable(Setting<?> setting) {
        if (!values.containsKey(setting)) {
            throw new IllegalArgumentException("setting " + setting + " is not in this table");
        }
    }

    public C build() {
        return table.make(new SettingValues(table.settings(), values));
    }
}
