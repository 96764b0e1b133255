package dev.wfnet.app.common;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.input.TransferMode;

/**
 * Files dropped on a node go to a handler. A node inside another that also takes files gets them
 * first: the drop is consumed where it lands (the Forget live image pane inside the window).
 */
public final class FileDrops {
    private FileDrops() {
    }

    public static void accept(Node target, Consumer<List<Path>> handler) {
        target.setOnDragOver(event -> {
            if (event.getDragboard().hasFiles()) {
                event.acceptTransferModes(TransferMode.COPY);
            }
            event.consume();
        });
        target.setOnDragDropped(event -> {
            boolean accepted = event.getDragboard().hasFiles();
            if (accepted) {
                handler.accept(event.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            event.setDropCompleted(accepted);
            event.consume();
        });
    }
}
