/**
 * Forget live: check classes off and see at once what the filtered model does differently:
 * per-class accuracy beside the original's, the confusion matrix, test images whose prediction
 * changed, and an image the user drops in, classified both ways.
 */
package dev.wfnet.app.forget;
