package dev.wfnet.app.forget;

import dev.wfnet.app.common.DatasetImages;
import dev.wfnet.data.ImageDataset;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;

/**
 * Test images with the original and the filtered prediction under each; a changed prediction is
 * framed, so what the filter moved stands out at a glance.
 */
final class ImageGrid extends TilePane {
    private static final int SCALE = 2;

    ImageGrid() {
        setHgap(6);
        setVgap(6);
        setPadding(new Insets(4));
        setPrefColumns(10);
    }

    void show(ImageDataset test, int[] indices, int[] original, ForgetOutcome outcome) {
        List<String> names = test.classNames();
        getChildren().clear();
        for (int index : indices) {
            int before = original[index];
            int after = outcome == null ? before : outcome.prediction(index);
            ImageView image = new ImageView(DatasetImages.image(test, index, SCALE));
            Label was = new Label(shorten(names.get(before)));
            Label now = new Label(shorten(names.get(after)));
            was.getStyleClass().add("wf-caption");
            now.getStyleClass().add(after == before ? "wf-caption" : "wf-changed-text");
            VBox cell = new VBox(1, image, was, now);
            cell.setAlignment(Pos.CENTER);
            cell.setPrefWidth(78);
            cell.getStyleClass().add(after == before ? "wf-unchanged" : "wf-changed");
            cell.getProperties().put("changed", after != before);
            Tooltip.install(cell, new Tooltip("test image " + index + ", true class " + names.get(test.label(index))
                    + "\noriginal model: " + names.get(before) + "\nfiltered model: " + names.get(after)));
            getChildren().add(cell);
        }
    }

    private static String shorten(String name) {
        return name.length() <= 11 ? name : name.substring(0, 10) + ".";
    }
}
