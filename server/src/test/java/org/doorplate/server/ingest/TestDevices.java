package org.doorplate.server.ingest;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.protocol.auth.MessageAuthenticator;
import org.doorplate.protocol.codec.CborCodec;
import org.doorplate.protocol.codec.JsonCodec;
import org.doorplate.protocol.message.Backlight;
import org.doorplate.protocol.message.BatchEntry;
import org.doorplate.protocol.message.DeviceEvent;
import org.doorplate.protocol.message.DoorplateReading;
import org.doorplate.protocol.message.EventKind;
import org.doorplate.protocol.message.FixType;
import org.doorplate.protocol.message.GnssFix;
import org.doorplate.protocol.message.Header;
import org.doorplate.protocol.message.MarkerReading;
import org.doorplate.protocol.message.ReadingBatch;
import org.doorplate.protocol.message.Uplink;
import org.doorplate.server.device.Device;
import org.doorplate.server.device.DeviceKind;
import org.doorplate.server.device.DeviceRegistry;
import org.doorplate.server.device.NewDevice;

/**
 * Builds sealed uplinks the way a device's firmware would, for tests and benchmarks, and
 * registers devices in the real registry.
 */
public final class TestDevices {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final MessageAuthenticator AUTHENTICATOR = new MessageAuthenticator();
    private static final CborCodec CBOR = new CborCodec();
    private static final JsonCodec JSON = new JsonCodec();

    private TestDevices() {
    }

    /** A device id nobody else uses: {@code prefix-} and 10 random characters. */
    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** Registers an active device in the real registry and answers the key it was given. */
    public static DeviceKey register(DeviceRegistry registry, String id, DeviceKind kind) {
        return DeviceKey.of(HexFormat.of().parseHex(registry.create(NewDevice.of(id, kind)).key()));
    }

    /** Registers a device in the real registry, disables it, and answers its key. */
    public static DeviceKey registerDisabled(DeviceRegistry registry, String id, DeviceKind kind) {
        DeviceKey key = register(registry, id, kind);
        registry.setState(id, Device.State.DISABLED);
        return key;
    }

    public static DeviceKey newKey() {
        return DeviceKey.generate(RANDOM);
    }

    public static byte[] cbor(DeviceKey key, Uplink uplink) {
        return CBOR.encode(AUTHENTICATOR.seal(key, uplink));
    }

    public static byte[] json(DeviceKey key, Uplink uplink) {
        return JSON.encode(AUTHENTICATOR.seal(key, uplink));
    }

    public static DoorplateReading doorplateReading(String id, long seq, Instant time, int batteryMv) {
        return new DoorplateReading(new Header(id, seq, time), batteryMv, false, Backlight.ON, 120, Optional.empty());
    }

    public static MarkerReading markerReading(String id, long seq, Instant time, int tiltCentiDegrees) {
        GnssFix fix = new GnssFix(409_000_000 + (int) (seq % 100), 1_116_000_000, 1_050_000, 90, 12,
            FixType.FIX_3D);
        return new MarkerReading(new Header(id, seq, time), fix, tiltCentiDegrees, false, 3_700, 5_100, 215, -85);
    }

    public static DeviceEvent event(String id, long seq, Instant time, EventKind kind) {
        return DeviceEvent.of(new Header(id, seq, time), kind);
    }

    public static ReadingBatch batch(String id, long seq, Instant time, List<BatchEntry> entries) {
        return new ReadingBatch(new Header(id, seq, time), entries);
    }
}
