package dev.wfnet.app.common;

import com.google.gson.JsonObject;
import javafx.scene.Node;

/** One tab of the workbench: a view built in code over its view model. */
public interface WorkbenchView {
    /** The tab's title, also the key of its state in a session file. */
    String title();

    Icons icon();

    Node node();

    /** The figures and numbers shown now, for "Export view". */
    ViewContent content();

    /** The selections worth keeping in a session (a chosen layer, checked classes). */
    default JsonObject saveState() {
        return new JsonObject();
    }

    /** Puts back what {@link #saveState()} kept; called once the session's workspace is open. */
    default void restoreState(JsonObject state) {
    }
}
