/**
 * Long work without a UI toolkit: progress records, cancellation and listeners. The window adapts
 * these to {@code javafx.concurrent}; the command line and the tests use them as they are.
 */
package dev.wfnet.jobs;
