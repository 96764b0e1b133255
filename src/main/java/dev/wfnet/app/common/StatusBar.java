package dev.wfnet.app.common;

import dev.wfnet.model.PeakMemory;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * The bottom line: what runs, the latest notice (an export's progress and outcome), what is open,
 * the engine, its threads and the memory in use.
 */
public final class StatusBar extends HBox {
    private final Label memory = new Label();

    public StatusBar(ObservableStringValue activity, ObservableStringValue notice, ObservableStringValue opened,
                     String engine) {
        getStyleClass().add("wf-status");
        setPadding(new Insets(3, 8, 3, 8));
        setSpacing(14);
        Label activityLabel = new Label();
        activityLabel.textProperty().bind(activity);
        ProgressBar busy = new ProgressBar(-1);
        busy.setPrefWidth(80);
        busy.visibleProperty().bind(activityLabel.textProperty().isNotEmpty());
        busy.managedProperty().bind(busy.visibleProperty());
        Label noticeLabel = new Label();
        noticeLabel.setId("status-notice");
        noticeLabel.textProperty().bind(notice);
        Label openedLabel = new Label();
        openedLabel.textProperty().bind(opened);
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        getChildren().addAll(busy, activityLabel, noticeLabel, spring, openedLabel, new Label(engine), memory);
        refreshMemory();
        Timeline ticker = new Timeline(new KeyFrame(Duration.seconds(2), event -> refreshMemory()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
    }

    private void refreshMemory() {
        Runtime runtime = Runtime.getRuntime();
        long heapMb = (runtime.totalMemory() - runtime.freeMemory()) >> 20;
        long residentMb = PeakMemory.residentBytes() >> 20;
        memory.setText("memory " + residentMb + " MB (heap " + heapMb + " of " + (runtime.maxMemory() >> 20) + ")");
    }
}
