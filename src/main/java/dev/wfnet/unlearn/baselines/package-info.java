/**
 * The unlearning methods WF-Net is compared with, each a job with progress and cancellation that
 * turns the original model into one that should no longer know a class: Retrain (the gold
 * standard, cached), fine-tuning (FT), gradient ascent (GA), random labels (RL), SalUn and
 * selective synaptic dampening (SSD). Hyper-parameters come from the reference implementations,
 * scaled to small models ({@link dev.wfnet.unlearn.baselines.BaselineSettings}); the README's
 * "Is WF-Net good unlearning?" section gives each source.
 */
package dev.wfnet.unlearn.baselines;
