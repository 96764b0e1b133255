package dev.wfnet.app;

import dev.wfnet.app.common.WorkbenchPreferences;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Opens the whole window on the sample under Monocle, as a researcher would see it, for TestFX
 * tests of each view. Preferences go to a node of their own so tests never touch the user's.
 */
public final class WindowTest {
    private WindowTest() {
    }

    public static MainWindow openOnSample(Stage stage) {
        WorkbenchPreferences preferences = new WorkbenchPreferences(
                Preferences.userRoot().node("dev/wfnet/workbench-test"));
        MainWindow window = new MainWindow(stage, preferences, WorkbenchApp.views());
        stage.show();
        window.workspace().open(SampleFiles.MODEL, SampleFiles.DATA, Optional.of(SampleFiles.BANK));
        return window;
    }

    /** The window's view of a class. */
    public static <V extends dev.wfnet.app.common.WorkbenchView> V view(MainWindow window, Class<V> type) {
        return window.views().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    /** Shows the tab of a view; call on the FX thread. */
    public static void select(MainWindow window, String title) {
        javafx.scene.control.TabPane tabs = window.tabs();
        tabs.getTabs().stream().filter(tab -> tab.getText().equals(title)).findFirst()
                .ifPresent(tab -> tabs.getSelectionModel().select(tab));
    }

    /** Waits until the workspace has opened and no job is queued. */
    public static void awaitOpen(MainWindow window) throws java.util.concurrent.TimeoutException {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> window.workspace().current() != null && !window.workspace().loadingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }
}
