/** The Compare view: WF-Net against Retrain and the baselines, with the field's metrics. */
package dev.wfnet.app.compare;
