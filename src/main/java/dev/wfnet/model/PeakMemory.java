package dev.wfnet.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident memory now and at its peak (Linux {@code VmRSS}, {@code VmHWM}), which counts the engine's native
 * tensors that the Java heap figures miss, and its reset between measurements.
 */
public final class PeakMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private PeakMemory() {
    }

    /** Peak resident set size in bytes, or -1 where the system does not say. */
    public static long peakBytes() {
        return statusBytes("VmHWM:");
    }

    /** Resident set size now, heap and native tensors together, or -1 where the system does not say. */
    public static long residentBytes() {
        return statusBytes("VmRSS:");
    }

    private static long statusBytes(String field) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Resets the peak to the current resident size, so the next reading covers what follows. */
    public static void reset() {
        try {
            Files.writeString(CLEAR_REFS, "5");
        } catch (IOException | UnsupportedOperationException e) {
            // not Linux, or not permitted: the peak then covers the whole process, which the report says
        }
    }
}
