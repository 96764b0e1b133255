/**
 * The adapter from jobs to JavaFX: a {@link dev.wfnet.app.background.Job} runs as a
 * {@code javafx.concurrent.Service} in the window and directly in tests, reporting progress,
 * result and failure on the FX thread; a failure the user must see goes to an
 * {@link dev.wfnet.app.background.ErrorReporter}. The lowest layer of the app: it knows no view and
 * no workspace.
 */
package dev.wfnet.app.background;
