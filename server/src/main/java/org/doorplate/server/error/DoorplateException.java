package org.doorplate.server.error;

import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure that the caller caused or can act on, with the status every transport answers. The
 * message is shown to the caller: it names the bad value and what was expected, never internals.
 */
public class DoorplateException extends RuntimeException {
    private final ErrorStatus status;
    @Nullable
    private final Duration retryAfter;

    public DoorplateException(ErrorStatus status, String message) {
        this(status, message, null, null);
    }

    public DoorplateException(ErrorStatus status, String message, @Nullable Throwable cause) {
        this(status, message, null, cause);
    }

    /**
     * @param retryAfter how long the caller should wait before trying again (for
     *                   {@link ErrorStatus#RATE_LIMITED} and {@link ErrorStatus#UNAVAILABLE})
     */
    public DoorplateException(ErrorStatus status, String message, @Nullable Duration retryAfter,
                              @Nullable Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.status = Objects.requireNonNull(status, "status");
        this.retryAfter = retryAfter;
    }

    public static DoorplateException badRequest(String message) {
        return new DoorplateException(ErrorStatus.BAD_REQUEST, message);
    }

    public static DoorplateException notFound(String message) {
        return new DoorplateException(ErrorStatus.NOT_FOUND, message);
    }

    public static DoorplateException conflict(String message) {
        return new DoorplateException(ErrorStatus.CONFLICT, message);
    }

    public static DoorplateException forbidden(String message) {
        return new DoorplateException(ErrorStatus.FORBIDDEN, message);
    }

    public ErrorStatus status() {
        return status;
    }

    /** How long to wait before trying again, when the server knows. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
