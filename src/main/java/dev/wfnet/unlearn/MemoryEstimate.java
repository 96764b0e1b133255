package dev.wfnet.unlearn;

import dev.wfnet.WfnetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What an untraining round will hold in native memory, estimated before it starts so that a bank
 * that cannot fit is refused with the figures instead of failing mid-run.
 *
 * @param alphaBytes the alphas themselves
 * @param optimizerBytes Adam's two moments and the gradient
 * @param productBytes the filtered weights {@code w * alpha[r]} kept for backward, one set per row
 * @param totalBytes everything, with a margin for activations and temporaries
 */
public record MemoryEstimate(long alphaBytes, long optimizerBytes, long productBytes, long totalBytes) {
    private static final double MARGIN = 1.25;
    private static final long BASELINE = 256L << 20;

    public static MemoryEstimate of(BankLayout layout, long filteredWeights) {
        long alphas = layout.alphaCount() * Float.BYTES;
        long optimizer = 3 * alphas;
        long products = (long) layout.rows() * filteredWeights * Float.BYTES * 2;
        long total = (long) ((alphas + optimizer + products) * MARGIN) + BASELINE;
        return new MemoryEstimate(alphas, optimizer, products, total);
    }

    /** Refuses the run if it needs more than {@code availableBytes}. */
    public void check(long availableBytes) throws WfnetException {
        if (totalBytes > availableBytes) {
            throw new WfnetException(String.format(Locale.ROOT, "this bank will not fit: it needs about %s "
                    + "(alphas %s, optimiser state and gradients %s, filtered weights %s) but %s is available; "
                    + "use --granularity filter, fewer classes or fewer layers", mb(totalBytes), mb(alphaBytes),
                    mb(optimizerBytes), mb(productBytes), mb(availableBytes)));
        }
    }

    /** The memory the system can still give (Linux MemAvailable), or the JVM's view elsewhere. */
    public static long availableBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through to the JVM's figure
        }
        return Runtime.getRuntime().maxMemory();
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%,.0f MB", bytes / 1048576.0);
    }
}
