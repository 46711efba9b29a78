package org.doorplate.server.embedded;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT 5 broker (HiveMQ Community Edition) inside the server process, for a first run with
 * nothing installed. Its sessions and queued messages persist under its data folder.
 */
public final class EmbeddedMqttBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMqttBroker.class);

    private final EmbeddedHiveMQ hivemq;
    private final String url;

    private EmbeddedMqttBroker(EmbeddedHiveMQ hivemq, String url) {
        this.hivemq = hivemq;
        this.url = url;
    }

    /**
     * Starts a broker listening on the given address and port.
     *
     * @throws IllegalStateException when the port is already taken: the message names the
     *     setting to change, because silently moving to another port would leave devices
     *     configured for this one talking to nobody
     */
    public static EmbeddedMqttBroker start(Path folder, String bindAddress, int port) {
        int actualPort = port == 0 ? freePort(bindAddress) : checkFree(bindAddress, port);
        Path config = folder.resolve("conf");
        Path data = folder.resolve("data");
        Path extensions = folder.resolve("extensions");
        writeConfig(config, bindAddress, actualPort);
        createDirectories(data);
        createDirectories(extensions);
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
            .withConfigurationFolder(config)
            .withDataFolder(data)
            .withExtensionsFolder(extensions)
            .withoutLoggingBootstrap()
            .build();
        try {
            hivemq.start().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the embedded MQTT broker", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the embedded MQTT broker did not start", e.getCause());
        }
        String host = bindAddress.equals("0.0.0.0") ? "127.0.0.1" : bindAddress;
        String url = "tcp://" + host + ":" + actualPort;
        LOG.info("embedded MQTT broker listening [address: {}, port: {}, data: {}]",
            bindAddress, actualPort, data);
        return new EmbeddedMqttBroker(hivemq, url);
    }

    /** The URL clients in this process connect to. */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        try {
            hivemq.stop().get();
            LOG.info("embedded MQTT broker stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("embedded MQTT broker did not stop cleanly", e.getCause());
        }
    }

    private static int checkFree(String bindAddress, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port));
            return port;
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " on " + bindAddress + " is taken, so the "
                + "embedded MQTT broker cannot start: set doorplate.mqtt.embedded-port "
                + "(DOORPLATE_MQTT_EMBEDDED_PORT) to a free port, or DOORPLATE_MQTT_URL to use a running broker",
                e);
        }
    }

    private static int freePort(String bindAddress) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the embedded MQTT broker", e);
        }
    }

    /**
     * Messages the broker queues for one session or shared group before it drops new ones.
     * HiveMQ's default of 1,000 lost uplinks it had already acknowledged to devices whenever the
     * server fell a second behind a 1,000 msg/s stream (measured with device-sim's load mode);
     * the queue lives on disk under the data folder, so a deep one costs little memory.
     */
    private static final int MAX_QUEUED_MESSAGES = 5_000_000;

    private static void writeConfig(Path folder, String bindAddress, int port) {
        // Anonymous access is deliberate: devices prove who they are with the message MAC
        // (firmware-protocol/PROTOCOL.md), not with broker credentials.
        String xml = """
            <?xml version="1.0"?>
            <hivemq>
                <listeners>
                    <tcp-listener>
                        <port>%d</port>
                        <bind-address>%s</bind-address>
                    </tcp-listener>
                </listeners>
                <mqtt>
                    <queued-messages>
                        <max-queue-size>%d</max-queue-size>
                        <strategy>discard</strategy>
                    </queued-messages>
                </mqtt>
                <anonymous-usage-statistics>
                    <enabled>false</enabled>
                </anonymous-usage-statistics>
                <general>
                    <update-check-enabled>false</update-check-enabled>
                </general>
            </hivemq>
            """.formatted(port, bindAddress, MAX_QUEUED_MESSAGES);
        createDirectories(folder);
        try {
            Files.writeString(folder.resolve("config.xml"), xml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the embedded MQTT broker configuration", e);
        }
    }

    private static void createDirectories(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
    }
}
