package org.doorplate.sim.transport;

import java.util.concurrent.CompletionStage;
import org.doorplate.protocol.codec.ContentType;

/**
 * One device's connection to the server, as its modem would hold it.
 *
 * <p>Implementations are thread-safe: the fleet's scheduler, scenarios and command handling
 * may send at once.
 */
public interface DeviceLink extends AutoCloseable {
    /** Connects (MQTT CONNECT and SUBSCRIBE; CoAP has nothing to do until the first request). */
    void connect() throws LinkException;

    /** Loses the network without a goodbye, as a modem out of coverage does. */
    void drop();

    /** Whether the link is up. */
    boolean isConnected();

    /** Sends one uplink; completes with the answer, never exceptionally. */
    CompletionStage<LinkAnswer> send(byte[] payload, ContentType type);

    /**
     * Forgets the connection state a reboot loses: the DTLS session on CoAP. MQTT keeps its
     * session at the broker (clean start off), which is what makes a reboot cheap there.
     */
    void forgetSession();

    /** What the link is, for messages: {@code "mqtt tcp://127.0.0.1:1883"}. */
    String describe();

    /** Disconnects cleanly and frees the link's resources. */
    @Override
    void close();
}
