package dev.wfnet.app.common;

import com.google.gson.JsonObject;

/** A view model whose selections are kept in a session file; its view saves and restores them. */
public interface ViewState {
    /** The selections worth keeping (a chosen layer, a threshold). */
    JsonObject saveState();

    /** Puts back what {@link #saveState()} kept; what is missing keeps its current value. */
    void restoreState(JsonObject state);
}
