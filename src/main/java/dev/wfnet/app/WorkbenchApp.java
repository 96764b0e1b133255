package dev.wfnet.app;

import dev.wfnet.WfnetException;
import dev.wfnet.app.alphamaps.AlphaMapsView;
import dev.wfnet.app.common.Dialogs;
import dev.wfnet.app.compare.CompareView;
import dev.wfnet.app.common.ViewContext;
import dev.wfnet.app.common.WorkbenchPreferences;
import dev.wfnet.app.common.WorkbenchView;
import dev.wfnet.app.forget.ForgetLiveView;
import dev.wfnet.app.mapping.ClassMappingView;
import dev.wfnet.app.modeldata.ModelDataView;
import dev.wfnet.app.untrain.UntrainView;
import java.util.List;
import java.util.function.Function;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: builds the window with every view and opens the start files. */
public final class WorkbenchApp extends Application {

    /** The views in tab order. */
    public static List<Function<ViewContext, WorkbenchView>> views() {
        return List.of(ModelDataView::new, UntrainView::new, AlphaMapsView::new, ClassMappingView::new,
                ForgetLiveView::new, CompareView::new);
    }

    @Override
    public void start(Stage stage) {
        MainWindow window = new MainWindow(stage, WorkbenchPreferences.user(), views());
        stage.show();
        try {
            StartupArguments start = StartupArguments.parse(getParameters().getRaw());
            if (start.session().isPresent()) {
                window.openFile(start.session().get());
            } else {
                window.workspace().open(start.model(), start.dataSpec(), start.bank());
            }
        } catch (WfnetException e) {
            new Dialogs(stage).report("Starting the workbench", e);
        }
    }
}
