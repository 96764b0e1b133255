package dev.wfnet.app.common;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/** What the workbench remembers between runs: the window's size and the files opened last. */
public final class WorkbenchPreferences {
    public static final int MAX_RECENT = 8;
    private static final String RECENT = "recent.";
    private final Preferences node;

    /** @param node where to keep them; tests pass a node of their own */
    public WorkbenchPreferences(Preferences node) {
        this.node = node;
    }

    public static WorkbenchPreferences user() {
        return new WorkbenchPreferences(Preferences.userRoot().node("dev/wfnet/workbench"));
    }

    public double width() {
        return node.getDouble("window.width", 1400);
    }

    public double height() {
        return node.getDouble("window.height", 900);
    }

    public void rememberSize(double width, double height) {
        node.putDouble("window.width", width);
        node.putDouble("window.height", height);
    }

    /** Recent files, newest first, without files that have gone since. */
    public List<Path> recentFiles() {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < MAX_RECENT; i++) {
            String value = node.get(RECENT + i, null);
            if (value != null && Files.exists(Path.of(value))) {
                files.add(Path.of(value));
            }
        }
        return files;
    }

    public void rememberFile(Path file) {
        List<Path> files = new ArrayList<>(recentFiles());
        Path absolute = file.toAbsolutePath().normalize();
        files.remove(absolute);
        files.add(0, absolute);
        for (int i = 0; i < MAX_RECENT; i++) {
            if (i < files.size()) {
                node.put(RECENT + i, files.get(i).toString());
            } else {
                node.remove(RECENT + i);
            }
        }
    }
}
