/**
 * Predictions and metrics: per-class accuracy, forgetting reports, confusion, ZRF, membership
 * inference, the retrain gold standard and baselines. Reports render to JSON, CSV and Markdown.
 */
package dev.wfnet.eval;
