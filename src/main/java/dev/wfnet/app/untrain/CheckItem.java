package dev.wfnet.app.untrain;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * One entry of a check list (a class to forget, a layer to filter).
 *
 * @param key what the setting stores: a class index or a layer name
 * @param label what the list shows
 * @param checked whether it is chosen
 */
public record CheckItem(String key, String label, BooleanProperty checked) {

    public static CheckItem of(String key, String label) {
        return new CheckItem(key, label, new SimpleBooleanProperty(true));
    }

    public boolean isChecked() {
        return checked.get();
    }

    @Override
    public String toString() {
        return label;
    }
}
