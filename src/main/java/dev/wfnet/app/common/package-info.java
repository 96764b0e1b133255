/**
 * Pieces every view shares: chart panes with export, dialogs, icons, the status bar, the analysis
 * of the open bank that follows the workspace. Above {@code app.workspace} and
 * {@code app.background}, below the views.
 */
package dev.wfnet.app.common;
