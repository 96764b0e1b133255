package dev.wfnet.model;

import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Path;

/**
 * libtorch's own warnings bypass SLF4J: c10 writes them straight to the process's standard error,
 * NNPACK's "Could not initialize NNPACK! Reason: Unsupported hardware." once for every convolution
 * on a processor NNPACK does not support, among them. Nothing in them is for a researcher to act
 * on, so once the engine is loaded its log threshold is raised to errors; errors still print, and
 * {@code -Dwfnet.torch.warnings=true} keeps the warnings for whoever debugs the engine.
 *
 * <p>The threshold is c10's exported {@code FLAGS_caffe2_log_level}. Its environment variable,
 * {@code TORCH_CPP_LOG_LEVEL}, does not help here: only Python's torch reads it at start, libtorch
 * loaded through DJL never does.
 */
final class NativeLogLevel {
    /** A system property that, set to true, leaves libtorch's warnings on. */
    static final String SHOW_WARNINGS = "wfnet.torch.warnings";
    static final int WARNING = 1;
    static final int ERROR = 2;
    private static final String FLAG = "FLAGS_caffe2_log_level";
    private static boolean applied;

    private NativeLogLevel() {
    }

    /** Raises the engine's log threshold to errors, once, unless {@link #SHOW_WARNINGS} is set. */
    static synchronized void quietWarnings() {
        if (applied || Boolean.getBoolean(SHOW_WARNINGS)) {
            return;
        }
        applied = true;
        try {
            Pointer level = flag();
            level.setInt(0, Math.max(level.getInt(0), ERROR));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // another libtorch build may not export the flag: its warnings then show, nothing else changes
            org.slf4j.LoggerFactory.getLogger(NativeLogLevel.class).debug("cannot raise libtorch's log level", e);
        }
    }

    /** The engine's current log threshold: 0 info, 1 warning, 2 error, 3 fatal. */
    static int current() {
        return flag().getInt(0);
    }

    /** c10, the library that holds the threshold, as the engine loaded it (the same file, so the same copy). */
    static NativeLibrary c10() {
        return NativeLibrary.getInstance(Path.of(LibUtils.getLibtorchPath(), System.mapLibraryName("c10")).toString());
    }

    private static Pointer flag() {
        return c10().getGlobalVariableAddress(FLAG);
    }
}
