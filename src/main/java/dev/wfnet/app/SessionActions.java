package dev.wfnet.app;

import com.google.gson.JsonObject;
import dev.wfnet.WfnetException;
import dev.wfnet.app.background.ErrorReporter;
import dev.wfnet.app.common.WorkbenchView;
import dev.wfnet.app.workspace.OpenBank;
import dev.wfnet.app.workspace.Session;
import dev.wfnet.app.workspace.Workspace;
import dev.wfnet.app.workspace.WorkspaceViewModel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.value.ChangeListener;
import javafx.scene.control.TabPane;

/** Saves the window to a session file and reopens one where it was. */
public final class SessionActions {
    private final WorkspaceViewModel workspace;
    private final List<WorkbenchView> views;
    private final TabPane tabs;
    private final ErrorReporter errors;

    SessionActions(WorkspaceViewModel workspace, List<WorkbenchView> views, TabPane tabs, ErrorReporter errors) {
        this.workspace = workspace;
        this.views = views;
        this.tabs = tabs;
        this.errors = errors;
    }

    public void save(Path file) {
        Workspace now = workspace.current();
        if (now == null) {
            errors.report("Saving the session", new WfnetException("nothing is open: open a model first"));
            return;
        }
        Map<String, JsonObject> states = new LinkedHashMap<>();
        views.forEach(view -> states.put(view.title(), view.saveState()));
        String openView = views.get(Math.max(0, tabs.getSelectionModel().getSelectedIndex())).title();
        try {
            new Session(now.modelFile(), now.bank().map(OpenBank::file), now.dataSpec(), openView, states).write(file);
        } catch (WfnetException e) {
            errors.report("Saving the session", e);
        }
    }

    /** Opens the session's files; once they are open, puts back the views' selections and the open tab. */
    public void open(Path file) {
        Session session;
        try {
            session = Session.read(file);
        } catch (WfnetException e) {
            errors.report("Opening the session", e);
            return;
        }
        ChangeListener<Workspace> restore = new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Workspace> property, Workspace before,
                                Workspace now) {
                property.removeListener(this);
                if (now != null && now.modelFile().toAbsolutePath().normalize().equals(session.model())) {
                    restore(session);
                }
            }
        };
        workspace.workspaceProperty().addListener(restore);
        workspace.loadingProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> property, Boolean was,
                                Boolean now) {
                if (!now) {
                    property.removeListener(this);
                    // A failed open leaves the workspace as it was; stop waiting for it.
                    workspace.workspaceProperty().removeListener(restore);
                }
            }
        });
        workspace.open(session.model(), session.dataSpec(), session.bank());
    }

    private void restore(Session session) {
        for (int i = 0; i < views.size(); i++) {
            WorkbenchView view = views.get(i);
            JsonObject state = session.viewStates().get(view.title());
            if (state != null) {
                try {
                    view.restoreState(state);
                } catch (RuntimeException e) {
                    // A hand-edited or older session: keep going with the other views.
                    errors.report("Restoring " + view.title(), new WfnetException(
                            "the session's settings for this view are not readable (" + e.getMessage()
                                    + "); it keeps its current settings", e));
                }
            }
            if (view.title().equals(session.openView())) {
                tabs.getSelectionModel().select(i);
            }
        }
    }
}
