package org.doorplate.server.telemetry;

/** The telemetry tables could not be read: the database is unreachable or failed. */
public final class TelemetryUnavailableException extends RuntimeException {
    public TelemetryUnavailableException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
