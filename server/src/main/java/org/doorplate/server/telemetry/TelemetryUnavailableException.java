package org.doorplate.server.telemetry;

import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;

/** The telemetry tables could not be read: the database is unreachable or failed (HTTP 503). */
public final class TelemetryUnavailableException extends DoorplateException {
    public TelemetryUnavailableException(String message, Throwable cause) {
        super(ErrorStatus.UNAVAILABLE, message + ": the database is unavailable", cause);
    }
}
