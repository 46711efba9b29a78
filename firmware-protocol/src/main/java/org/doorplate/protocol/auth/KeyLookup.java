package org.doorplate.protocol.auth;

import java.util.Optional;

/** Finds a device's key. Implementations decide their own thread-safety. */
@FunctionalInterface
public interface KeyLookup {
    /**
     * The key of {@code deviceId}, or empty when no such device is registered.
     *
     * <p>Throw (rather than answer empty) when the registry cannot be asked: the verifier lets
     * the exception through, because a valid message must not be dropped as coming from an
     * unknown device while the registry is down.
     */
    Optional<DeviceKey> find(String deviceId);
}
