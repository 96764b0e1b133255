/**
 * The JavaFX workbench: one sub-package per view (model and data, untrain, alpha maps, class-filter
 * mapping, forget live), each a view built in code over a view model that owns its state and calls
 * the services of unlearn, eval, explain and figures. Tensor work never runs on the FX thread: it
 * goes through {@link dev.wfnet.app.background.JobRunner}.
 */
package dev.wfnet.app;
