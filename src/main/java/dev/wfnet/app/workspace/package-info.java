/**
 * What is open in the workbench (a model, its dataset, a bank) and the view model that opens,
 * replaces and closes them in the background, shared by every view.
 */
package dev.wfnet.app.workspace;
