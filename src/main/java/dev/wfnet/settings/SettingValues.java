package dev.wfnet.settings;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One value for every setting of a table, each of its type and in its range; immutable. */
public final class SettingValues {
    private final List<Setting<?>> settings;
    private final Map<Setting<?>, Object> values;

    SettingValues(List<Setting<?>> settings, Map<Setting<?>, Object> values) {
        this.settings = List.copyOf(settings);
        this.values = new IdentityHashMap<>(values);
        for (Setting<?> setting : this.settings) {
            if (!this.values.containsKey(setting)) {
                throw new IllegalStateException("no value for " + setting);
            }
        }
    }

    static SettingValues defaults(SettingTable<?> table) {
        Map<Setting<?>, Object> values = new IdentityHashMap<>();
        table.settings().forEach(setting -> values.put(setting, setting.defaultValue()));
        return new SettingValues(table.settings(), values);
    }

    /** The value of a setting of the table. */
    public <T> T get(Setting<T> setting) {
        Object value = values.get(setting);
        if (value == null) {
            throw new IllegalArgumentException("setting " + setting + " is not in this table");
        }
        return setting.type().javaType().cast(value);
    }

    /** Every setting's value as text, by key, in the table's order. */
    public Map<String, String> describe() {
        Map<String, String> texts = new LinkedHashMap<>();
        settings.forEach(setting -> texts.put(setting.key(), text(setting)));
        return texts;
    }

    private <T> String text(Setting<T> setting) {
        return setting.type().format(get(setting));
    }

    Map<Setting<?>, Object> toMap() {
        return new IdentityHashMap<>(values);
    }

    List<Setting<?>> settings() {
        return settings;
    }

    /** Equal when they describe the same texts for the same settings. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SettingValues that && settings.equals(that.settings)
                && describe().equals(that.describe());
    }

    @Override
    public int hashCode() {
        return describe().hashCode();
    }

    @Override
    public String toString() {
        return describe().toString();
    }
}
