/** WF-Net Workbench: weight-filtering unlearning and explainability for image classifiers. */
package dev.wfnet;
