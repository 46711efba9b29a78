package org.doorplate.server.command;

import jakarta.inject.Singleton;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.protocol.auth.MessageAuthenticator;
import org.doorplate.protocol.codec.CborCodec;
import org.doorplate.protocol.message.Command;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.ingest.IngestDevices;

/**
 * Encodes a command for the wire: CBOR with the MAC under the device's key, so that the device
 * can tell a genuine command from a forged one whatever the transport (PROTOCOL.md).
 */
@Singleton
public final class CommandEncoder {
    private final IngestDevices devices;
    private final MessageAuthenticator authenticator = new MessageAuthenticator();
    private final CborCodec cbor = new CborCodec();

    CommandEncoder(IngestDevices devices) {
        this.devices = devices;
    }

    /**
     * The sealed CBOR envelope of {@code command}.
     *
     * @throws DoorplateException NOT_FOUND when the device is no longer registered
     */
    public byte[] cbor(Command command) {
        byte[] key = devices.find(command.deviceId())
            .orElseThrow(() -> DoorplateException.notFound("device " + command.deviceId() + ": not registered"))
            .key();
        return cbor.encode(authenticator.seal(DeviceKey.of(key), command));
    }
}
