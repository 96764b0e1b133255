package dev.wfnet.app.untrain;

import java.util.Optional;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;

/**
 * A row of the settings sheet over a form field: the sheet picks the editor from the type (a
 * choice for an enum setting, a check box for a yes/no one, text for the rest, kept as text so bad
 * input stays visible) and writes every edit straight into the field.
 */
final class SheetItem implements PropertySheet.Item {
    private final FormField<?> field;
    private final boolean asText;

    private SheetItem(FormField<?> field) {
        this.field = field;
        this.asText = field.editedAsText();
    }

    static SheetItem of(FormField<?> field) {
        return new SheetItem(field);
    }

    @Override
    public Class<?> getType() {
        return asText ? String.class : field.setting().type().javaType();
    }

    @Override
    public String getCategory() {
        return field.category();
    }

    @Override
    public String getName() {
        return field.label();
    }

    @Override
    public String getDescription() {
        return field.description();
    }

    @Override
    public Object getValue() {
        return asText ? field.textProperty().get() : field.valueBinding().get();
    }

    @Override
    public void setValue(Object value) {
        if (asText) {
            field.textProperty().set((String) value);
        } else if (value != null) {
            field.setUntyped(value);
        }
    }

    @Override
    public Optional<ObservableValue<? extends Object>> getObservableValue() {
        return Optional.of(asText ? field.textProperty() : field.valueBinding());
    }
}
