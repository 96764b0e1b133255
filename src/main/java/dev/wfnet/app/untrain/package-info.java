/**
 * The Untrain view: a validated form of every untraining setting, Start / Cancel / Resume of
 * {@link dev.wfnet.unlearn.UntrainingJob} on the training runner, live loss and ACC_f / ACC_r
 * charts, and adoption of the finished bank into the workspace.
 */
package dev.wfnet.app.untrain;
