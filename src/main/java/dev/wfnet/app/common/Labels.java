package dev.wfnet.app.common;

import javafx.scene.control.Label;

/** The two kinds of text a view adds around its figures, styled by the stylesheet. */
public final class Labels {
    private Labels() {
    }

    public static Label heading(String text) {
        return styled(text, "wf-heading");
    }

    /** A short explanation under a heading, wrapped. */
    public static Label caption(String text) {
        Label label = styled(text, "wf-caption");
        label.setWrapText(true);
        return label;
    }

    private static Label styled(String text, String styleClass) {
        Label label = new Label(text);
        label.getStyleClass().add(styleClass);
        return label;
    }
}
