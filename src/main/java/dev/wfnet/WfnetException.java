package dev.wfnet;

/**
 * The one checked domain exception. Its message is written for a researcher and says what to do
 * ("model expects 1x28x28 inputs, dataset has 3x32x32"); the cause keeps the stack trace for logs.
 */
public class WfnetException extends Exception {
    private static final long serialVersionUID = 1L;

    public WfnetException(String message) {
        super(message);
    }

    public WfnetException(String message, Throwable cause) {
        super(message, cause);
    }
}
