package org.atelier.core.data;

import org.atelier.core.AtelierException;

/**
 * A dataset file that is missing, corrupt or malformed.
 *
 * <p>The message names the file, what was wrong with it and how to get a good copy, so that the
 * command line can print it as the one line the user sees.
 */
public class DataException extends AtelierException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a one-line, user-facing message.
     *
     * @param message the file, the problem and the fix
     */
    public DataException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a one-line, user-facing message and its low-level cause.
     *
     * @param message the file, the problem and the fix
     * @param cause the I/O failure behind it
     */
    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
