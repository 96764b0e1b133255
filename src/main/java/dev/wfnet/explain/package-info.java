/**
 * Alpha analytics: what a WF-Net bank learned, read from its alphas alone. Everything here works on
 * host arrays ({@link dev.wfnet.explain.AlphaView}), without the native engine, so it is fast,
 * deterministic and testable: per-layer sparsity and per-filter scores, class similarity with a
 * clustering order for display, and the class-to-filter map. Results render to CSV and JSON; the
 * {@code figures} package draws them. Saliency (which needs the network) and the comparison with a
 * confusion matrix will build on the same view and results.
 */
package dev.wfnet.explain;
