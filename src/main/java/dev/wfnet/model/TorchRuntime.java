package dev.wfnet.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

/**
 * The one way the project reaches the PyTorch engine. It makes DJL offline before first use, so
 * a misconfiguration fails at once instead of reaching for the network (docs/architecture.md,
 * "Threads"): a user never has to set {@code ai.djl.offline} themselves.
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

    /**
     * A new root manager on the CPU; the caller owns it and closes it. It also turns PyTorch's
     * gradient recording off for the calling thread: that mode is per thread and DJL turns it off
     * only on the thread that started the engine, so a job on another thread (the workbench's
     * training thread) would otherwise record a graph for every operation and fail on the in-place
     * clamp of its alphas ("a leaf Variable that requires grad is being used in an in-place
     * operation"). A {@code GradientCollector} turns it on for its own scope, as everywhere.
     */
    public static NDManager newManager() {
        NDManager manager = NDManager.newBaseManager(Device.cpu(), ENGINE);
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        NativeLogLevel.quietWarnings();
        return manager;
    }

    public static Engine engine() {
        Engine engine = Engine.getEngine(ENGINE);
        NativeLogLevel.quietWarnings();
        return engine;
    }

    /**
     * The folder the engine's native libraries were loaded from: the installed application's own
     * copy (its launcher sets {@code PYTORCH_LIBRARY_PATH}), or DJL's cache under {@code ~/.djl.ai}.
     */
    public static String nativesPath() {
        engine();
        return ai.djl.pytorch.jni.LibUtils.getLibtorchPath();
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
