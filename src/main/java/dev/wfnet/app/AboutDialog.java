package dev.wfnet.app;

import dev.wfnet.io.WorkbenchVersion;
import dev.wfnet.model.TorchRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.scene.image.ImageView;
import javafx.stage.Window;

/**
 * Help > About: the version to cite, the engine and where its native libraries were loaded from,
 * and the licences of the bundled components, as selectable text a researcher can copy.
 */
final class AboutDialog {
    static final String TITLE = "About WF-Net Workbench";

    private AboutDialog() {
    }

    static void show(Window owner) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner);
        alert.setTitle(TITLE);
        alert.setHeaderText(WorkbenchVersion.product());
        var icon = AppIcon.of(64);
        if (icon != null) {
            alert.setGraphic(new ImageView(icon));
        }
        TextArea details = new TextArea(String.join("\n", lines()));
        details.setEditable(false);
        details.setWrapText(false);
        details.setPrefColumnCount(80);
        details.setPrefRowCount(22);
        details.getStyleClass().add("about-details");
        alert.getDialogPane().setContent(details);
        alert.setResizable(true);
        alert.show();
    }

    /** What the dialog says, one entry a line. */
    static List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(row("Version", WorkbenchVersion.current()));
        lines.add(row("Engine", TorchRuntime.describe() + ", " + TorchRuntime.threads() + " threads"));
        lines.add(row("Natives", TorchRuntime.nativesPath()));
        lines.add(row("Java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch")));
        lines.add("");
        lines.add("Bundled components and their licences:");
        for (WorkbenchVersion.Component component : WorkbenchVersion.bundledComponents()) {
            String name = component.version().isEmpty() ? component.name()
                    : component.name() + " " + component.version();
            lines.add("  " + name + ": " + component.licence());
        }
        return lines;
    }

    private static String row(String label, String value) {
        return String.format(Locale.ROOT, "%-9s%s", label, value);
    }
}
