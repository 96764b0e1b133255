package dev.wfnet.app.common;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;

/** Shows a view's content while a bank is open and, otherwise, says what to do to get one. */
public final class BankPlaceholder {
    public static final String TEXT = "No bank is open: open a bank (File > Open) or train one in the Untrain view.";

    private BankPlaceholder() {
    }

    public static Node around(Node content, ObservableBooleanValue bankOpen) {
        Label placeholder = new Label(TEXT);
        placeholder.getStyleClass().add("wf-placeholder");
        placeholder.setWrapText(true);
        placeholder.visibleProperty().bind(javafx.beans.binding.Bindings.not(bankOpen));
        content.visibleProperty().bind(bankOpen);
        return new StackPane(content, placeholder);
    }
}
