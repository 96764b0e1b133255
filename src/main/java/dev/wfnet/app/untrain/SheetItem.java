package dev.wfnet.app.untrain;

import java.util.Optional;
import javafx.beans.property.Property;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;

/**
 * A row of the settings sheet over a JavaFX property: the sheet picks the editor from the type
 * (text for the numeric fields, kept as text so bad input stays visible; a choice for enums; a
 * check box for flags) and writes every edit straight into the form's property.
 */
final class SheetItem<T> implements PropertySheet.Item {
    private final Class<T> type;
    private final String category;
    private final String name;
    private final String description;
    private final Property<T> property;

    SheetItem(Class<T> type, String category, String name, String description, Property<T> property) {
        this.type = type;
        this.category = category;
        this.name = name;
        this.description = description;
        this.property = property;
    }

    static SheetItem<String> of(FormField<?> field) {
        return new SheetItem<>(String.class, field.category(), field.label(), field.description(),
                field.textProperty());
    }

    @Override
    public Class<?> getType() {
        return type;
    }

    @Override
    public String getCategory() {
        return category;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Object getValue() {
        return property.getValue();
    }

    @Override
    public void setValue(Object value) {
        property.setValue(type.cast(value));
    }

    @Override
    public Optional<ObservableValue<? extends Object>> getObservableValue() {
        return Optional.of(property);
    }
}
