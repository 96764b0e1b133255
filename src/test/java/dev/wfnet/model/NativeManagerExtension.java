package dev.wfnet.model;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test an {@link NDManager} parameter and closes it when the test is over: one manager per
 * test for a {@code @BeforeEach} or {@code @Test} method (both get the same one), one per class for
 * a {@code @BeforeAll} method. Native memory is released even when the test fails.
 * <pre>{@code
 * @ExtendWith(NativeManagerExtension.class)
 * class SomeTest {
 *     @Test
 *     void adds(NDManager manager) { ... }
 * }
 * }</pre>
 */
public final class NativeManagerExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            NativeManagerExtension.class);

    /** Closed by JUnit when the context that stored it ends. */
    private record Closing(NDManager manager) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            manager.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == NDManager.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // keyed by the context itself: a store also answers with its parents' values, and a test
        // must not be handed the manager of its class
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(context.getUniqueId(),
                key -> new Closing(TorchRuntime.newManager()), Closing.class).manager();
    }
}
