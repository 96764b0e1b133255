/**
 * Comparing unlearning methods on one model: WF-Net (a bank row), the original model, Retrain and
 * the baselines, for every forgotten class and seed; the runs, their summaries (mean and standard
 * deviation, Avg. Gap to Retrain), a cache of finished runs, and the report as JSON, CSV and
 * Markdown. {@code wfnet compare} and the window's Compare view both run on this package.
 */
package dev.wfnet.eval.compare;
