package org.doorplate.sim.transport;

import java.util.Optional;

/**
 * What the transport says about one sent message.
 *
 * @param verdict accepted, rejected or failed
 * @param text the answer as an operator reads it: {@code "2.04 Changed"}, {@code "PUBACK 0x00"},
 *     {@code "timeout"}
 * @param downlink a command the answer carried (CoAP piggybacks one on 2.04), still encoded
 */
public record LinkAnswer(Verdict verdict, String text, Optional<byte[]> downlink) {
    /** How the message fared. */
    public enum Verdict {
        /** The server (or broker) acknowledged it: MQTT PUBACK below 0x80, CoAP 2.xx. */
        ACCEPTED,
        /** The server answered and refused it: PUBACK 0x80 or above, CoAP 4.xx or 5.xx. */
        REJECTED,
        /** No answer: the link is down, the send failed or timed out. */
        FAILED
    }

    public static LinkAnswer accepted(String text) {
        return new LinkAnswer(Verdict.ACCEPTED, text, Optional.empty());
    }

    public static LinkAnswer rejected(String text) {
        return new LinkAnswer(Verdict.REJECTED, text, Optional.empty());
    }

    public static LinkAnswer failed(String text) {
        return new LinkAnswer(Verdict.FAILED, text, Optional.empty());
    }
}
