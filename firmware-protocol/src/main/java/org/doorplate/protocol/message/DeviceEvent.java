package org.doorplate.protocol.message;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Something a device reports as it happens rather than on its schedule.
 *
 * @param header device, sequence number, time
 * @param kind what happened
 * @param code an optional detail code, 0..2^32-1 (vendor-defined, e.g. a fault or reset reason)
 * @param text an optional short detail text; decoders accept at most
 *     {@code Limits.maxTextBytes()} UTF-8 bytes (256 by default)
 */
public record DeviceEvent(Header header, EventKind kind, OptionalLong code, Optional<String> text)
        implements BatchEntry {
    public static final long MAX_CODE = 0xFFFF_FFFFL;

    /** Checks the fields; see the component descriptions. */
    public DeviceEvent {
        Check.notNull("header", header);
        Check.notNull("kind", kind);
        Check.notNull("code", code);
        code.ifPresent(c -> Check.range("code", c, 0, MAX_CODE));
        Check.notNull("text", text);
        text.ifPresent(t -> Check.text("text", t));
    }

    /** An event without detail code or text. */
    public static DeviceEvent of(Header header, EventKind kind) {
        return new DeviceEvent(header, kind, OptionalLong.empty(), Optional.empty());
    }

    @Override
    public MessageType type() {
        return MessageType.DEVICE_EVENT;
    }
}
