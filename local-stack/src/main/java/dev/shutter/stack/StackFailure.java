package dev.shutter.stack;

/**
 * Something the user must fix before the stack can run (a port taken, a module not built, a data
 * directory in use). The message is one line that says what to do; no stack trace is shown.
 */
public final class StackFailure extends RuntimeException {

    public StackFailure(String message) {
        super(message);
    }

    public StackFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
