package org.doorplate.server.device;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.doorplate.protocol.auth.DeviceKey;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A registered device with its decrypted key, as the ingest path needs it.
 *
 * @param id                 1 to 64 of {@code A-Z a-z 0-9 . _ -}
 * @param kind               doorplate or marker
 * @param state              whether its messages are accepted
 * @param key                the device key (32 bytes); the accessor answers a copy
 * @param keyVersion         1 for the first key, one more for every rotation
 * @param reportInterval     how often the device is expected to report
 * @param areaCode           the 12-digit division code of its area, or null
 * @param firmwareVersion    the firmware last recorded, or null
 * @param installLatitudeE7  installed latitude in 1e-7 degree, or null
 * @param installLongitudeE7 installed longitude in 1e-7 degree, or null
 * @param createdAt          when it was registered
 * @param updatedAt          when its record last changed
 */
public record Device(String id, DeviceKind kind, State state, byte[] key, int keyVersion,
                     Duration reportInterval, @Nullable String areaCode, @Nullable String firmwareVersion,
                     @Nullable Integer installLatitudeE7, @Nullable Integer installLongitudeE7,
                     Instant createdAt, Instant updatedAt) {
    /** Whether the server accepts a device's messages. */
    @Serdeable
    public enum State {
        /** Messages are accepted. */
        ACTIVE,
        /** Messages are refused, for example for a stolen or retired device. */
        DISABLED;

        /** The lower-case name used in JSON and in the database. */
        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The state named {@code active} or {@code disabled}, any case. */
        @JsonCreator
        public static State ofWire(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    public Device {
        key = key.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    /** The key in the protocol module's type, for MAC checks and DTLS. */
    public DeviceKey deviceKey() {
        return DeviceKey.of(key);
    }

    public boolean isActive() {
        return state == State.ACTIVE;
    }

    /** Whether an installed position is recorded. */
    public boolean hasInstallPosition() {
        return installLatitudeE7 != null && installLongitudeE7 != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Device other && id.equals(other.id) && keyVersion == other.keyVersion
            && updatedAt.equals(other.updatedAt);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "Device[" + id + ", " + kind.wire() + ", " + state.wire() + ", key v" + keyVersion + "]";
    }
}
