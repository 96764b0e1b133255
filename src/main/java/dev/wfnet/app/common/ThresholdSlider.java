package dev.wfnet.app.common;

import java.util.Locale;
import javafx.beans.property.DoubleProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * A slider for the switched-off threshold of an analysis. It sets the threshold when the user lets
 * go (not on every pixel of a drag, each of which would start a recomputation), rounded to 0.01 so
 * the numbers in an export are the ones on screen.
 */
public final class ThresholdSlider extends HBox {
    /** The slider starts at 0 for round tick labels; a threshold of 0 would count nothing, so it stops here. */
    private static final double LOWEST = 0.01;
    private final Slider slider = new Slider(0, 1, 0.5);

    public ThresholdSlider(DoubleProperty threshold) {
        super(8);
        setAlignment(Pos.CENTER_LEFT);
        slider.setMajorTickUnit(0.1);
        slider.setMinorTickCount(1);
        slider.setBlockIncrement(0.05);
        slider.setShowTickMarks(true);
        slider.setShowTickLabels(true);
        slider.setValue(threshold.get());
        slider.setTooltip(new Tooltip("An alpha strictly below the threshold counts as switched off"));
        HBox.setHgrow(slider, Priority.ALWAYS);
        Label value = new Label();
        value.setMinWidth(40);
        value.textProperty().bind(slider.valueProperty().map(v -> String.format(Locale.ROOT, "%.2f", rounded(v))));
        slider.valueProperty().addListener((property, before, now) -> {
            if (!slider.isValueChanging()) {
                threshold.set(rounded(now));
            }
        });
        slider.valueChangingProperty().addListener((property, before, changing) -> {
            if (!changing) {
                threshold.set(rounded(slider.getValue()));
            }
        });
        threshold.addListener((property, before, now) -> slider.setValue(now.doubleValue()));
        getChildren().addAll(new Label("Threshold"), slider, value);
    }

    public Slider slider() {
        return slider;
    }

    private static double rounded(Number value) {
        return Math.max(LOWEST, Math.round(value.doubleValue() * 100) / 100.0);
    }
}
