package org.atelier.core;

/**
 * A problem the user can fix: bad input, missing data, an unavailable device.
 *
 * <p>The message is one line that names the problem and, where there is one, the fix. Front ends
 * (the CLI) print it without a stack trace; library users catch it like any runtime exception.
 */
public class AtelierException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a one-line, user-facing message.
     *
     * @param message what went wrong and how to fix it
     */
    public AtelierException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a one-line, user-facing message and its underlying cause.
     *
     * @param message what went wrong and how to fix it
     * @param cause the low-level failure, shown only in verbose mode
     */
    public AtelierException(String message, Throwable cause) {
        super(message, cause);
    }
}
