/** The Model and data view: the open model's architecture, its dataset, its per-class accuracy. */
package dev.wfnet.app.modeldata;
