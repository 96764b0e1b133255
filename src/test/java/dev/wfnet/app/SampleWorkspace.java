package dev.wfnet.app;

import dev.wfnet.app.workspace.WorkspaceViewModel;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The sample model, bank and bundled data opened (synchronously, without a toolkit) before each
 * test and closed after it, with the errors reported meanwhile collected:
 * <pre>{@code
 * @RegisterExtension
 * final SampleWorkspace sample = new SampleWorkspace();
 * ... new SomeViewModel(sample.workspace(), new DirectJobRunner(), sample.errors()) ...
 * }</pre>
 */
public final class SampleWorkspace implements BeforeEachCallback, AfterEachCallback {
    private final SampleFiles.CollectedErrors errors = new SampleFiles.CollectedErrors();
    private WorkspaceViewModel workspace;

    @Override
    public void beforeEach(ExtensionContext context) {
        errors.messages.clear();
        workspace = SampleFiles.openSample(errors);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (workspace != null) {
            workspace.close();
            workspace = null;
        }
    }

    /** The opened sample; valid from the test's {@code @BeforeEach} methods on. */
    public WorkspaceViewModel workspace() {
        if (workspace == null) {
            throw new IllegalStateException("the sample opens before each test: use it in @BeforeEach or @Test");
        }
        return workspace;
    }

    /** What the workspace and the view models given it reported. */
    public SampleFiles.CollectedErrors errors() {
        return errors;
    }
}
