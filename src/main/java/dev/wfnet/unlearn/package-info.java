/**
 * WF-Net (Poppi et al.): the alpha bank of per-class masks over a frozen network's weights, the
 * objective and label expansion, the untraining job with checkpoints and resume, bank files, and
 * the combination of rows that forgets several classes at once.
 */
package dev.wfnet.unlearn;
