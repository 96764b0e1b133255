package dev.wfnet.app;

import javafx.application.Application;

/**
 * The entry point from a plain class path: JavaFX refuses to launch an Application subclass as
 * the main class when it is not on the module path, so this class launches it.
 */
public final class WorkbenchLauncher {
    private WorkbenchLauncher() {
    }

    public static void main(String[] args) {
        Application.launch(WorkbenchApp.class, args);
    }
}
