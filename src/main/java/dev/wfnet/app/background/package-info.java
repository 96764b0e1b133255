/**
 * The adapter from jobs to JavaFX: a {@link dev.wfnet.app.background.Job} runs as a
 * {@code javafx.concurrent.Service} in the window and directly in tests, reporting progress,
 * result and failure on the FX thread.
 */
package dev.wfnet.app.background;
