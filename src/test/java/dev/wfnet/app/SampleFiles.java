package dev.wfnet.app;

import dev.wfnet.app.background.DirectJobRunner;
import dev.wfnet.app.background.ErrorReporter;
import dev.wfnet.app.workspace.WorkspaceViewModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The committed sample model, bank and dataset, and a workspace opened on them without a toolkit. */
public final class SampleFiles {
    public static final Path MODEL = Path.of("sample-models/small-cnn.safetensors");
    public static final Path BANK = Path.of("sample-models/small-cnn-bank.safetensors");
    public static final String DATA = "fashion-mnist-bundled";

    private SampleFiles() {
    }

    /** Failures a view model reported, kept so a test can assert on the exact message. */
    public static final class CollectedErrors implements ErrorReporter {
        public final List<String> messages = new ArrayList<>();

        @Override
        public void report(String what, Throwable cause) {
            messages.add(what + ": " + dev.wfnet.app.common.Dialogs.message(cause));
        }
    }

    /** The sample opened synchronously: the returned view model's workspace is ready. */
    public static WorkspaceViewModel openSample(ErrorReporter errors) {
        return openSample(errors, DATA);
    }

    /** The sample model and bank on another dataset (the full Fashion-MNIST, say). */
    public static WorkspaceViewModel openSample(ErrorReporter errors, String dataSpec) {
        WorkspaceViewModel workspace = new WorkspaceViewModel(new DirectJobRunner(), errors);
        workspace.open(MODEL, dataSpec, Optional.of(BANK));
        if (workspace.current() == null) {
            throw new IllegalStateException("the sample did not open");
        }
        return workspace;
    }
}
