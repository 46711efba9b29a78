package org.doorplate.sim.transport;

/** A link could not be set up; the message names the device and the target. */
public final class LinkException extends Exception {
    private static final long serialVersionUID = 1L;

    public LinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
