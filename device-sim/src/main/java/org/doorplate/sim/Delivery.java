package org.doorplate.sim;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.doorplate.protocol.message.Header;

/**
 * What became of one message a simulated device sent or kept.
 *
 * @param deviceId the device
 * @param what the message, for people: {@code "marker_reading seq 41"}, {@code "garbage (37 bytes)"}
 * @param stored the headers of the messages the server was asked to store: one for a reading,
 *     event or command result, each entry's for a batch, none for garbage
 * @param status how it went
 * @param answer the server's or broker's answer as an operator reads it ({@code "2.04 CHANGED"},
 *     {@code "PUBACK 0x00"}), or why there was none
 * @param latency from handing the message to the transport to the answer; zero without one
 */
public record Delivery(String deviceId, String what, List<Header> stored, Status status, String answer,
        Duration latency) {
    /** Copies the list. */
    public Delivery {
        stored = List.copyOf(stored);
    }

    /** How a message fared. */
    public enum Status {
        /** Acknowledged: MQTT PUBACK below 0x80 or CoAP 2.xx. */
        ACKNOWLEDGED,
        /** Refused with an answer: PUBACK 0x80 or above, CoAP 4.xx or 5.xx. */
        REJECTED,
        /** Sent, but no answer came, or the send itself failed. */
        FAILED,
        /** Kept in the device's buffer while offline; it goes out later in a batch. */
        BUFFERED
    }

    public boolean acknowledged() {
        return status == Status.ACKNOWLEDGED;
    }

    /** One line for a terminal: {@code "m-1 marker_reading seq 41: 2.04 CHANGED (12 ms)"}. */
    public String describe() {
        String took = latency.isZero() ? "" : " (" + latency.toMillis() + " ms)";
        return deviceId + " " + what + ": " + status.name().toLowerCase(Locale.ROOT) + ", " + answer + took;
    }
}
