package dev.wfnet.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.app.common.WorkbenchView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

/** What the TestFX tests of several views check the same way: finding a view, exported files, screenshots. */
public final class ViewChecks {
    private ViewChecks() {
    }

    /** The window's view of a type, wherever its tab is (other views come and go). */
    public static <T extends WorkbenchView> T view(MainWindow window, Class<T> type) {
        return window.views().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    /** A figure exported as PNG, SVG and PDF into a folder is a valid file of each kind. */
    public static void assertValidFigure(Path folder, String baseName) throws java.io.IOException {
        byte[] png = Files.readAllBytes(folder.resolve(baseName + ".png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII));
        assertTrue(Files.readString(folder.resolve(baseName + ".svg")).contains("<svg"));
        assertEquals("%PDF-", new String(Files.readAllBytes(folder.resolve(baseName + ".pdf")), 0, 5,
                StandardCharsets.US_ASCII));
    }

    /** Shows a view's tab and writes the scene as a PNG (the README's screenshots), on the FX thread. */
    public static void snapshot(org.testfx.api.FxRobot robot, Stage stage, String title, Path file) {
        robot.interact(() -> {
            try {
                writeSnapshot(stage, title, file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static void writeSnapshot(Stage stage, String title, Path file) throws java.io.IOException {
        TabPane tabs = (TabPane) stage.getScene().lookup(".tab-pane");
        tabs.getTabs().stream().filter(tab -> tab.getText().equals(title)).findFirst()
                .ifPresent(tab -> tabs.getSelectionModel().select(tab));
        stage.getScene().getRoot().applyCss();
        stage.getScene().getRoot().layout();
        Files.createDirectories(file.getParent());
        javax.imageio.ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png",
                file.toFile());
    }
}
