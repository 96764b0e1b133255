/** Pieces every view shares: chart panes with export, dialogs, icons, the status bar. */
package dev.wfnet.app.common;
