/**
 * Predictions and their accuracy: per-class and overall accuracy ({@link dev.wfnet.eval.AccuracyReport}),
 * the confusion matrix and the confusion similarity of two classes
 * ({@link dev.wfnet.eval.ConfusionMatrix}), and what forgetting a class set does on a test split
 * ({@link dev.wfnet.eval.ForgettingEvaluator}: the original model's predictions once, then any set
 * of bank rows combined by product; {@link dev.wfnet.eval.ForgettingReport}: ACC_f of each
 * forgotten class, ACC_r over the others, the original's ACC_r and the drop;
 * {@link dev.wfnet.eval.ForgettingTable}: each class alone or every pair, with means and worst
 * cases). The field's metrics of an unlearned model for one forgotten class
 * ({@link dev.wfnet.eval.UnlearningEvaluator}, {@link dev.wfnet.eval.UnlearningMetrics}): UA, RA,
 * TA, the forgotten class's test accuracy, MIA-efficacy ({@link dev.wfnet.eval.MembershipInference})
 * and ZRF ({@link dev.wfnet.eval.ZeroRetrainForgetting}); {@link dev.wfnet.eval.compare} compares
 * WF-Net with Retrain and the baselines on them. Reports render to JSON, CSV and Markdown. The
 * method and the metrics are described in docs/method.md and the README.
 */
package dev.wfnet.eval;
