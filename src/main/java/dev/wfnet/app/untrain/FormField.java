package dev.wfnet.app.untrain;

import dev.wfnet.settings.Setting;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One setting as the form edits it: its label, group, description, range and messages are the
 * setting's own. The value is kept as typed text (not a number property) so that a value which
 * does not parse stays on screen with a message, instead of being silently reset.
 *
 * @param <T> the setting's type
 */
public final class FormField<T> {
    private final Setting<T> setting;
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ObjectBinding<T> value;

    public FormField(Setting<T> setting) {
        this.setting = setting;
        set(setting.defaultValue());
        this.value = Bindings.createObjectBinding(() -> problem() == null ? value() : null, text);
    }

    public Setting<T> setting() {
        return setting;
    }

    /** The name in saved state and in the config's {@code describe()}. */
    public String key() {
        return setting.key();
    }

    public String label() {
        return setting.label();
    }

    public String category() {
        return setting.group();
    }

    public String description() {
        return setting.description();
    }

    /**
     * Whether the value is edited as typed text; a choice (an enum setting) and a check box (a
     * yes/no one) cannot hold a text that is not a value.
     */
    public boolean editedAsText() {
        return !setting.type().javaType().isEnum() && !setting.type().isFlag();
    }

    public StringProperty textProperty() {
        return text;
    }

    /** The value the text stands for, or null while it stands for none. */
    public ObjectBinding<T> valueBinding() {
        return value;
    }

    public void set(T newValue) {
        text.set(setting.type().format(newValue));
    }

    /** Sets a value of the setting's type given untyped, as an editor hands it over. */
    void setUntyped(Object newValue) {
        set(setting.type().javaType().cast(newValue));
    }

    /** What is wrong with the text, or null when it is a valid value. */
    public String problem() {
        return setting.problem(text.get());
    }

    /** The value; call only when {@link #problem()} is null. */
    public T value() {
        return setting.parse(text.get());
    }
}
