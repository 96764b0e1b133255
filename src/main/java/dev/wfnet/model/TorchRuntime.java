package dev.wfnet.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

/**
 * The one way the project reaches the PyTorch engine. It makes DJL offline before first use, so
 * a misconfiguration fails at once instead of reaching for the network (STACK.md): a user never
 * has to set {@code ai.djl.offline} themselves.
 */
public final class TorchRuntime {
    private static final String ENGINE = "PyTorch";

    static {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    private TorchRuntime() {
    }

    /** A new root manager on the CPU; the caller owns it and closes it. */
    public static NDManager newManager() {
        return NDManager.newBaseManager(Device.cpu(), ENGINE);
    }

    public static Engine engine() {
        return Engine.getEngine(ENGINE);
    }

    /** "PyTorch 2.7.1 (DJL 0.36.0)". */
    public static String describe() {
        Engine engine = engine();
        return engine.getEngineName() + " " + engine.getVersion() + " (DJL " + Engine.getDjlVersion() + ")";
    }

    public static int threads() {
        return Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors());
    }
}
