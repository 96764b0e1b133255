package dev.wfnet.app.common;

import com.google.gson.JsonObject;
import javafx.scene.Node;
import javafx.scene.layout.BorderPane;

/**
 * What every view of the workbench has: a title and an icon, its view model, a root pane styled as
 * a view, and a session state that is its view model's when the view model keeps one
 * ({@link ViewState}).
 *
 * @param <M> the view model
 */
public abstract class ViewBase<M> implements WorkbenchView {
    /** The view model the view shows and drives. */
    protected final M model;
    /** What the tab shows; subclasses fill it in their constructor. */
    protected final BorderPane root = new BorderPane();
    private final String title;
    private final Icons icon;

    protected ViewBase(String title, Icons icon, M model) {
        this.title = title;
        this.icon = icon;
        this.model = model;
        root.getStyleClass().add("wf-view");
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final Icons icon() {
        return icon;
    }

    @Override
    public final Node node() {
        return root;
    }

    public final M viewModel() {
        return model;
    }

    @Override
    public JsonObject saveState() {
        return model instanceof ViewState state ? state.saveState() : new JsonObject();
    }

    @Override
    public void restoreState(JsonObject state) {
        if (model instanceof ViewState viewState) {
            viewState.restoreState(state);
        }
    }
}
