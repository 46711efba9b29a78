package org.doorplate.protocol.message;

/** A message of the protocol, in either direction. Implementations are immutable records. */
public sealed interface Message permits Uplink, Downlink {
    /** The message type, written under key 1. */
    MessageType type();

    /** The device that sends (uplink) or receives (downlink) the message. */
    String deviceId();
}
