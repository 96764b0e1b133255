/** The Alpha maps view: per-layer heatmaps of mean alpha per filter, kernel alphas, sparsity per class. */
package dev.wfnet.app.alphamaps;
