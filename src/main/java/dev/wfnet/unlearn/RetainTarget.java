package dev.wfnet.unlearn;

import java.util.Locale;

/**
 * What a retain pair's filtered prediction is pulled towards (the retain term of docs/method.md).
 * <ul>
 *   <li>{@link #LABELS}: the true label, cross-entropy as in the paper;</li>
 *   <li>{@link #ORIGINAL} <em>(ours)</em>: the original model's own output distribution on the same
 *       image (cross-entropy with soft targets, i.e. distillation), so a row keeps the original's
 *       decisions, its mistakes and near-misses included. The forgetting literature measures a
 *       filtered model against the original's retained accuracy, which this targets directly.</li>
 * </ul>
 */
public enum RetainTarget {
    LABELS, ORIGINAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The label, as files and the command line spell it; pickers show this. */
    @Override
    public String toString() {
        return label();
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static RetainTarget parse(String text) {
        for (RetainTarget target : values()) {
            if (target.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return target;
            }
        }
        throw new IllegalArgumentException("retain target '" + text + "' is neither 'labels' nor 'original'");
    }
}
