package org.doorplate.sim.api;

/**
 * The server answered a call with an error, or could not be reached.
 *
 * <p>The message says which call failed and why, in words an operator can act on.
 */
public final class ServerApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status of the answer, or 0 when there was no answer. */
    private final int status;

    public ServerApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ServerApiException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** The HTTP status, or 0 when the server could not be reached. */
    public int status() {
        return status;
    }
}
