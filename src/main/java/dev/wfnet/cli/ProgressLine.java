package dev.wfnet.cli;

import dev.wfnet.jobs.Progress;
import dev.wfnet.jobs.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A live progress line on standard error: rewritten in place on a terminal, a line every few
 * seconds otherwise (logs, CI). Phases other than the step phase print a permanent line.
 */
final class ProgressLine implements ProgressListener {
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final long LOG_NANOS = 10_000_000_000L;
    private final PrintWriter err;
    private final String stepPhase;
    private final boolean terminal = System.console() != null;
    private long lastDraw;

    ProgressLine(PrintWriter err, String stepPhase) {
        this.err = err;
        this.stepPhase = stepPhase;
    }

    @Override
    public void onProgress(Progress progress) {
        if (!progress.phase().equals(stepPhase)) {
            println(phaseLine(progress.phase(), progress.metrics()));
            return;
        }
        long now = System.nanoTime();
        boolean last = progress.step() == progress.totalSteps();
        if (!last && now - lastDraw < (terminal ? REDRAW_NANOS : LOG_NANOS)) {
            return;
        }
        lastDraw = now;
        String line = String.format(Locale.ROOT, "%s %d/%d (%.0f%%) %s  %.0f/s  %s left", progress.phase(),
                progress.step(), progress.totalSteps(), 100 * progress.fraction(), format(progress.metrics()),
                progress.itemsPerSecond(), duration(progress.secondsLeft()));
        if (terminal) {
            err.print("\r\033[K" + line);
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** A permanent line (the live line, on a terminal, is cleared first). */
    void println(String text) {
        err.print(terminal ? "\r\033[K" : "");
        err.println(text);
        err.flush();
    }

    /**
     * A permanent line: the phase, then its metrics; a metric named like the phase is its number
     * ("epoch 1  test_accuracy 0.9100", not "epoch epoch 1  test_accuracy 0.9100").
     */
    static String phaseLine(String phase, Map<String, Double> metrics) {
        Map<String, Double> rest = new TreeMap<>(metrics);
        Double own = rest.remove(phase);
        String head = own == null ? phase : phase + " " + number(own);
        return rest.isEmpty() ? head : head + "  " + format(rest);
    }

    static String format(Map<String, Double> metrics) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(metrics).forEach((name, value) -> text.append(name).append(' ').append(number(value))
                .append("  "));
        return text.toString().trim();
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e6 ? String.valueOf((long) value)
                : String.format(Locale.ROOT, "%.4f", value);
    }

    static String duration(double seconds) {
        if (Double.isNaN(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 60 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s" : s + "s";
    }
}
