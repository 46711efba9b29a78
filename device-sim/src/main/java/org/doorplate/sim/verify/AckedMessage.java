package org.doorplate.sim.verify;

import java.time.Instant;

/**
 * A message the server acknowledged (MQTT PUBACK or CoAP 2.04), as the load run records it.
 *
 * @param device the sending device
 * @param seq the message's sequence number
 * @param deviceTime the time the message carried
 */
public record AckedMessage(String device, long seq, Instant deviceTime) {
}
