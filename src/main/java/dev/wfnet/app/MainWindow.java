package dev.wfnet.app;

import dev.wfnet.WfnetException;
import dev.wfnet.app.background.FxJobRunner;
import dev.wfnet.app.common.ChartPane;
import dev.wfnet.app.common.Dialogs;
import dev.wfnet.app.common.FileDrops;
import dev.wfnet.app.common.Icons;
import dev.wfnet.app.common.StatusBar;
import dev.wfnet.app.common.UserFolders;
import dev.wfnet.app.common.ViewContext;
import dev.wfnet.app.common.ViewExport;
import dev.wfnet.app.common.WorkbenchPreferences;
import dev.wfnet.app.common.WorkbenchView;
import dev.wfnet.app.imports.ImportSheet;
import dev.wfnet.app.imports.ImportSheetViewModel;
import dev.wfnet.app.workspace.FileKind;
import dev.wfnet.app.workspace.Workspace;
import dev.wfnet.app.workspace.WorkspaceViewModel;
import dev.wfnet.figures.FigureFormat;
import dev.wfnet.model.TorchRuntime;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The window: menu and tool bar for files, one tab per view, the status bar. It owns the two job
 * runners and the workspace; the views own everything else.
 */
public final class MainWindow {
    private final Stage stage;
    private final WorkbenchPreferences preferences;
    private final FxJobRunner interactive = new FxJobRunner("wfnet-interactive");
    private final FxJobRunner training = new FxJobRunner("wfnet-training");
    /** Exports write files beside the tensor work, so a long evaluation never holds one up. */
    private final FxJobRunner exports = new FxJobRunner("wfnet-export");
    private final ViewExport exporter;
    private final Dialogs dialogs;
    private final WorkspaceViewModel workspace;
    private final SessionActions sessions;
    private final TabPane tabs = new TabPane();
    private final List<WorkbenchView> views = new ArrayList<>();
    private final Menu recentMenu = new Menu("Open recent");
    private Path lastFolder = Path.of(".").toAbsolutePath().normalize();

    public MainWindow(Stage stage, WorkbenchPreferences preferences,
                      List<Function<ViewContext, WorkbenchView>> viewFactories) {
        this.stage = stage;
        this.preferences = preferences;
        this.dialogs = new Dialogs(stage);
        this.workspace = new WorkspaceViewModel(interactive, dialogs);
        this.exporter = new ViewExport(exports, dialogs);
        ViewContext context = new ViewContext(workspace, interactive, training, dialogs, this::exportChart);
        for (Function<ViewContext, WorkbenchView> factory : viewFactories) {
            WorkbenchView view = factory.apply(context);
            views.add(view);
            Tab tab = new Tab(view.title(), view.node());
            tab.setGraphic(view.icon().node());
            tab.setClosable(false);
            tabs.getTabs().add(tab);
        }
        this.sessions = new SessionActions(workspace, views, tabs, dialogs);
        BorderPane root = new BorderPane(tabs);
        root.setTop(new VBox(menuBar(), toolBar()));
        root.setBottom(new StatusBar(interactive.activityProperty(), exporter.noticeProperty(), openedText(),
                TorchRuntime.describe() + ", " + TorchRuntime.threads() + " threads"));
        // A size remembered on a larger screen must still fit this one.
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(preferences.width(), screen.getWidth()),
                Math.min(preferences.height(), screen.getHeight()));
        scene.getStylesheets().add(MainWindow.class.getResource("workbench.css").toExternalForm());
        FileDrops.accept(root, files -> files.forEach(this::openFile));
        stage.setScene(scene);
        stage.setTitle("WF-Net Workbench");
        stage.getIcons().setAll(AppIcon.all());
        stage.setOnHidden(event -> close());
    }

    public WorkspaceViewModel workspace() {
        return workspace;
    }

    public SessionActions sessions() {
        return sessions;
    }

    public TabPane tabs() {
        return tabs;
    }

    public List<WorkbenchView> views() {
        return List.copyOf(views);
    }

    /** Opens any workbench file: a model, a bank or a session, told apart by their content. */
    public void openFile(Path file) {
        try {
            switch (FileKind.of(file)) {
                case MODEL -> workspace.openModel(file);
                case BANK -> workspace.openBank(file);
                case SESSION -> sessions.open(file);
                case FOREIGN -> importer(file).show();
            }
            preferences.rememberFile(file);
            lastFolder = file.toAbsolutePath().getParent();
            refreshRecent();
        } catch (WfnetException e) {
            dialogs.report("Opening " + file.getFileName(), e);
        }
    }

    /** The import sheet for a model trained elsewhere; it opens the imported model with the dataset chosen. */
    public ImportSheet importer(Path file) {
        Workspace now = workspace.current();
        ImportSheetViewModel model = new ImportSheetViewModel(file, now == null ? "fashion-mnist" : now.dataSpec(),
                interactive, dialogs, (imported, dataSpec) -> {
                    workspace.open(imported, dataSpec, Optional.empty());
                    preferences.rememberFile(imported);
                    refreshRecent();
                });
        return new ImportSheet(stage, model);
    }

    private MenuBar menuBar() {
        Menu file = new Menu("File");
        file.getItems().addAll(
                item("Open model or bank...", Icons.OPEN, "Shortcut+O", this::chooseAndOpen),
                recentMenu,
                new SeparatorMenuItem(),
                item("Open session...", null, "Shortcut+Shift+O", this::chooseSession),
                item("Save session...", Icons.SAVE, "Shortcut+S", this::saveSession),
                new SeparatorMenuItem(),
                item("Export view...", Icons.EXPORT, "Shortcut+E", this::exportView),
                new SeparatorMenuItem(),
                item("Quit", null, "Shortcut+Q", stage::close));
        refreshRecent();
        Menu view = new Menu("View");
        for (int i = 0; i < views.size(); i++) {
            int index = i;
            view.getItems().add(item(views.get(i).title(), views.get(i).icon(), "Shortcut+" + (i + 1),
                    () -> tabs.getSelectionModel().select(index)));
        }
        MenuItem about = new MenuItem(AboutDialog.TITLE);
        about.setOnAction(event -> AboutDialog.show(stage));
        return new MenuBar(file, view, new Menu("Help", null, about));
    }

    private ToolBar toolBar() {
        return new ToolBar(
                button("Open", Icons.OPEN, "Open a model, a bank or a session (Ctrl+O, or drop a file)",
                        this::chooseAndOpen),
                button("Save session", Icons.SAVE, "Save what is open and selected (Ctrl+S)", this::saveSession),
                button("Export view", Icons.EXPORT, "Every figure of this view as " + FigureFormat.names() + ", and its"
                        + " numbers as CSV and JSON (Ctrl+E)", this::exportView));
    }

    private static MenuItem item(String text, Icons icon, String shortcut, Runnable action) {
        MenuItem item = new MenuItem(text, icon == null ? null : icon.node());
        item.setAccelerator(KeyCombination.keyCombination(shortcut));
        item.setOnAction(event -> action.run());
        return item;
    }

    private static Button button(String text, Icons icon, String tooltip, Runnable action) {
        Button button = new Button(text, icon.node());
        button.setTooltip(new Tooltip(tooltip));
        button.setOnAction(event -> action.run());
        return button;
    }

    private void refreshRecent() {
        recentMenu.getItems().clear();
        for (Path recent : preferences.recentFiles()) {
            MenuItem item = new MenuItem(recent.getFileName() + "  (" + recent.getParent() + ")");
            item.setOnAction(event -> openFile(recent));
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private void chooseAndOpen() {
        FileChooser chooser = fileChooser("Open a model, a bank or a session");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Workbench files", "*.safetensors", "*" + FileKind.SESSION_EXTENSION),
                // a TensorFlow SavedModel is a folder: it is opened by its saved_model.pb (or dropped as a folder)
                new FileChooser.ExtensionFilter("Models to import (PyTorch, TorchScript, safetensors, Keras,"
                        + " TensorFlow saved_model.pb)", "*.pt", "*.pth", "*.pth.tar", "*.th", "*.ckpt", "*.bin",
                        "*.safetensors", "*.h5", "*.hdf5", "*.keras", "*.pb"),
                new FileChooser.ExtensionFilter("All files", "*"));
        Optional.ofNullable(chooser.showOpenDialog(stage)).map(File::toPath).ifPresent(this::openFile);
    }

    private void chooseSession() {
        FileChooser chooser = fileChooser("Open a session");
        chooser.getExtensionFilters().add(
                new FileChooser.ExtensionFilter("Sessions", "*" + FileKind.SESSION_EXTENSION));
        Optional.ofNullable(chooser.showOpenDialog(stage)).map(File::toPath).ifPresent(this::openFile);
    }

    private void saveSession() {
        FileChooser chooser = fileChooser("Save the session");
        chooser.setInitialDirectory(UserFolders.writableOrHome(lastFolder).toFile());
        chooser.setInitialFileName("workbench" + FileKind.SESSION_EXTENSION);
        Optional.ofNullable(chooser.showSaveDialog(stage)).map(File::toPath).ifPresent(file -> {
            sessions.save(file);
            preferences.rememberFile(file);
            refreshRecent();
        });
    }

    private void exportView() {
        WorkbenchView view = views.get(tabs.getSelectionModel().getSelectedIndex());
        if (view.content().isEmpty()) {
            dialogs.report("Exporting " + view.title(), new WfnetException("the view shows nothing to export yet"));
            return;
        }
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export " + view.title() + " to a folder");
        chooser.setInitialDirectory(UserFolders.writableOrHome(lastFolder).toFile());
        File folder = chooser.showDialog(stage);
        if (folder != null) {
            exporter.exportView(view.title(), view.content(), folder.toPath());
            lastFolder = folder.toPath();
        }
    }

    private void exportChart(ChartPane pane, FigureFormat format) {
        if (pane.chart() == null) {
            return;
        }
        FileChooser chooser = fileChooser("Export the figure as " + format.name());
        chooser.setInitialDirectory(UserFolders.writableOrHome(lastFolder).toFile());
        chooser.setInitialFileName(pane.proposedFile(lastFolder, format).getFileName().toString());
        chooser.getExtensionFilters().add(
                new FileChooser.ExtensionFilter(format.description(), "*" + format.extension()));
        File target = chooser.showSaveDialog(stage);
        if (target != null) {
            exporter.exportFigure(pane.chart(), target.toPath());
            lastFolder = target.toPath().getParent();
        }
    }

    private FileChooser fileChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        if (lastFolder.toFile().isDirectory()) {
            chooser.setInitialDirectory(lastFolder.toFile());
        }
        return chooser;
    }

    private StringBinding openedText() {
        return Bindings.createStringBinding(() -> {
            Workspace now = workspace.current();
            if (now == null) {
                return "nothing open";
            }
            return now.modelFile().getFileName() + now.bank().map(bank -> " + " + bank.file().getFileName()).orElse("")
                    + " on " + now.data().test().name() + " (" + now.data().test().size() + " test images)";
        }, workspace.workspaceProperty());
    }

    private void close() {
        preferences.rememberSize(stage.getWidth(), stage.getHeight());
        workspace.close();
        interactive.close();
        training.close();
        exports.close();
    }
}
