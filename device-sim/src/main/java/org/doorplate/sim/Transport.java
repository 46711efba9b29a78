package org.doorplate.sim;

import java.util.Locale;

/** How simulated devices reach the server. */
public enum Transport {
    /** MQTT 5 over TCP to the broker. */
    MQTT,
    /** CoAP over DTLS (or plain UDP) to the server's CoAP endpoint. */
    COAP,
    /** Half the devices on each, alternating. */
    MIXED;

    /** The transport named {@code name} (mqtt, coap, mixed), ignoring case. */
    public static Transport parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("transport: expected mqtt, coap or mixed, found '" + name + "'");
        }
    }
}
