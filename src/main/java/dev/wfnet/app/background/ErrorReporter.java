package dev.wfnet.app.background;

/** Where a view model sends a failure: the window shows a dialog, tests collect them. */
@FunctionalInterface
public interface ErrorReporter {
    /**
     * @param what what the user tried, as a heading ("Opening the model")
     * @param cause what went wrong; a domain exception's message is shown as it is
     */
    void report(String what, Throwable cause);
}
