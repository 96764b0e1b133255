package dev.wfnet.app.common;

import dev.wfnet.WfnetException;
import dev.wfnet.app.background.ErrorReporter;
import dev.wfnet.jobs.JobCancelledException;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The window's error dialog: the domain message as it is, the stack trace only in the log. */
public final class Dialogs implements ErrorReporter {
    private static final Logger LOG = LoggerFactory.getLogger(Dialogs.class);
    private final Window owner;

    public Dialogs(Window owner) {
        this.owner = owner;
    }

    @Override
    public void report(String what, Throwable cause) {
        LOG.warn("{} failed", what, cause);
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner);
        alert.setTitle("WF-Net Workbench");
        alert.setHeaderText(what + " failed");
        Label message = new Label(message(cause));
        message.setWrapText(true);
        message.setMaxWidth(520);
        alert.getDialogPane().setContent(message);
        alert.show();
    }

    /** What the user reads: a domain message unchanged, anything else with its kind. */
    public static String message(Throwable cause) {
        if (cause instanceof WfnetException || cause instanceof JobCancelledException) {
            return cause.getMessage();
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof WfnetException) {
                return root.getMessage();
            }
            root = root.getCause();
        }
        String text = root.getMessage() == null ? "" : ": " + root.getMessage();
        return "unexpected " + root.getClass().getSimpleName() + text + " (details in the log)";
    }
}
