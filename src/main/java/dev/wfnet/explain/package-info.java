/**
 * What a WF-Net bank learned, and whether it matches what the model does.
 * <ul>
 *   <li>From the alphas alone, on the heap ({@link dev.wfnet.explain.AlphaView}), without the
 *       engine: per-layer sparsity and per-filter scores, class similarity (cosine and Jaccard)
 *       with an average-linkage order for display, and the class-to-filter map
 *       ({@link dev.wfnet.explain.AlphaReport}).</li>
 *   <li>Against the model on test data ({@link dev.wfnet.explain.ModelExplanation}, which runs the
 *       network): the bank's class similarity against the model's confusions (Spearman's rho with
 *       a Mantel permutation p-value), and alpha saliency against Grad-CAM and a random order by
 *       insertion and deletion AUC ({@link dev.wfnet.explain.SaliencyBenchmark}).</li>
 * </ul>
 * Results render to CSV and JSON; the {@code figures} package draws them.
 */
package dev.wfnet.explain;
