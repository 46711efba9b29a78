package org.doorplate.sim.provision;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.protocol.message.DeviceIds;
import org.doorplate.sim.model.GeoPoint;

/**
 * What a simulated device needs to talk to the server: its identity, its kind and its secret
 * key (the MAC key and the DTLS pre-shared key), and for a marker optionally where it stands.
 *
 * @param id the device id, see {@link DeviceIds}
 * @param kind doorplate or marker
 * @param key the secret key, {@value DeviceKey#LENGTH} bytes
 * @param position the surveyed position, if known
 */
public record DeviceCredentials(String id, DeviceKind kind, byte[] key, Optional<GeoPoint> position) {
    /** Checks the fields; copies the key. */
    public DeviceCredentials {
        DeviceIds.require("id", id);
        if (kind == null) {
            throw new NullPointerException("kind: must not be null");
        }
        if (key == null || key.length != DeviceKey.LENGTH) {
            throw new IllegalArgumentException("key: expected " + DeviceKey.LENGTH + " bytes ("
                + 2 * DeviceKey.LENGTH + " hex digits), found " + (key == null ? "none" : key.length));
        }
        key = key.clone();
        if (position == null) {
            throw new NullPointerException("position: must not be null");
        }
    }

    /** Credentials without a known position. */
    public DeviceCredentials(String id, DeviceKind kind, byte[] key) {
        this(id, kind, key, Optional.empty());
    }

    /**
     * Parses a key written as hex digits.
     *
     * @throws IllegalArgumentException for an odd length or a character that is not a hex digit
     */
    public static byte[] parseKey(String hex) {
        String h = hex.strip();
        if (h.length() % 2 != 0) {
            throw new IllegalArgumentException("key: expected an even number of hex digits, found " + h.length());
        }
        try {
            return HexFormat.of().parseHex(h);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key: expected hex digits only", e);
        }
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    /** The key as the protocol module's type. */
    public DeviceKey deviceKey() {
        return DeviceKey.of(key);
    }

    /** The key as lower-case hex. */
    public String keyHex() {
        return HexFormat.of().formatHex(key);
    }

    /** Same fields, same key bytes. */
    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceCredentials other && id.equals(other.id) && kind == other.kind
            && Arrays.equals(key, other.key) && position.equals(other.position);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /** Leaves the key out, so that it never reaches a log. */
    @Override
    public String toString() {
        return "DeviceCredentials[id=" + id + ", kind=" + kind.apiName() + "]";
    }
}
