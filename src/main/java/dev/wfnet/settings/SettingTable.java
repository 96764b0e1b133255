package dev.wfnet.settings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The settings of one kind of run, in the order the window lists them, and how a complete set of
 * their values becomes that run's configuration {@code C}. A table is filled while its owner's
 * class initialises, one {@link #add} per setting, so that the definition of a setting is the one
 * statement that adds it:
 * <pre>{@code
 * public static final SettingTable<UntrainConfig> SETTINGS = new SettingTable<>(UntrainConfig::new);
 * public static final Setting<Integer> STEPS = SETTINGS.add(Setting.of("steps", ValueType.WHOLE, 400)
 *         .range(Range.atLeast(1)).description("Optimiser steps"));
 * }</pre>
 *
 * @param <C> the configuration the values make
 */
public final class SettingTable<C> {
    private final List<Setting<?>> settings = new ArrayList<>();
    private final Function<SettingValues, C> make;

    /** @param make the configuration of a complete, checked set of values */
    public SettingTable(Function<SettingValues, C> make) {
        this.make = make;
    }

    /** Defines a setting and adds it to the table; refuses a key or option another setting has. */
    public synchronized <T> Setting<T> add(Setting.Builder<T> definition) {
        Setting<T> setting = definition.build();
        for (Setting<?> other : settings) {
            if (other.key().equals(setting.key())
                    || other.options().stream().anyMatch(setting.options()::contains)) {
                throw new IllegalArgumentException("setting " + setting.key() + " repeats the key or an option of "
                        + other.key());
            }
        }
        settings.add(setting);
        return setting;
    }

    /** Every setting, in the order they were added. */
    public List<Setting<?>> settings() {
        return Collections.unmodifiableList(settings);
    }

    /**
     * A setting by its key.
     *
     * @throws IllegalArgumentException when there is none
     */
    public Setting<?> setting(String key) {
        return settings.stream().filter(setting -> setting.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no setting " + key));
    }

    /** Every setting at its default. */
    public C defaults() {
        return builder().build();
    }

    /** Values to set, starting from the defaults. */
    public SettingsBuilder<C> builder() {
        return new SettingsBuilder<>(this, SettingValues.defaults(this));
    }

    /**
     * Reads {@link SettingValues#describe()} back. A key that is missing gets its setting's
     * default, so settings added later read from files written before them; a key the table does
     * not know is passed over.
     *
     * @throws InvalidSettingException naming the first setting whose text is not a valid value
     */
    public C parse(Map<String, String> texts) {
        SettingsBuilder<C> builder = builder();
        for (Setting<?> setting : settings) {
            String text = texts.get(setting.key());
            if (text != null) {
                builder.parse(setting, text);
            }
        }
        return builder.build();
    }

    C make(SettingValues values) {
        return make.apply(values);
    }
}
