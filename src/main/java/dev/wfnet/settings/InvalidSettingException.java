package dev.wfnet.settings;

/**
 * A value that is not of a setting's type or not in its range. The message names the setting by
 * its label and states its range; {@link #refusal(String)} names it otherwise (by a command-line
 * option, say).
 */
public final class InvalidSettingException extends IllegalArgumentException {
    private final transient Setting<?> setting;
    private final String text;

    InvalidSettingException(Setting<?> setting, String text) {
        super(setting.refusal(setting.label(), text));
        this.setting = setting;
        this.text = text;
    }

    public Setting<?> setting() {
        return setting;
    }

    /** The refused value as text. */
    public String text() {
        return text;
    }

    /** The same refusal naming the setting as {@code name}. */
    public String refusal(String name) {
        return setting.refusal(name, text);
    }
}
