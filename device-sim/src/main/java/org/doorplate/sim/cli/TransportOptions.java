package org.doorplate.sim.cli;

import java.net.URI;
import java.util.Locale;
import org.doorplate.protocol.codec.ContentType;
import org.doorplate.sim.DeviceSettings;
import org.doorplate.sim.Fleet;
import org.doorplate.sim.Transport;
import org.doorplate.sim.net.LoopbackGuard;
import picocli.CommandLine.Option;

/** How the simulated devices reach the server. */
public final class TransportOptions {
    @Option(names = "--transport", defaultValue = "mqtt", paramLabel = "mqtt|coap|mixed",
        converter = TransportConverter.class,
        description = "How devices send (default: ${DEFAULT-VALUE}); mixed puts half on each.")
    Transport transport;

    @Option(names = "--mqtt", defaultValue = "tcp://127.0.0.1:1883", paramLabel = "URL",
        description = "The MQTT broker (default: ${DEFAULT-VALUE}).")
    URI mqtt;

    @Option(names = "--coap", defaultValue = "coaps://127.0.0.1:5684", paramLabel = "URL",
        description = "The server's CoAP endpoint, coaps:// for DTLS PSK or coap:// (default: ${DEFAULT-VALUE}).")
    URI coap;

    @Option(names = "--encoding", defaultValue = "cbor", paramLabel = "cbor|json",
        description = "How devices encode messages (default: ${DEFAULT-VALUE}).")
    String encoding;

    @Option(names = "--allow-remote",
        description = "Allow targets that are not on this machine. Without it only loopback addresses are used.")
    boolean allowRemote;

    LoopbackGuard guard() {
        return new LoopbackGuard(allowRemote);
    }

    DeviceSettings settings() {
        ContentType type = switch (encoding.toLowerCase(Locale.ROOT)) {
            case "cbor" -> ContentType.CBOR;
            case "json" -> ContentType.JSON;
            default -> throw new IllegalArgumentException("--encoding: expected cbor or json, found '"
                + encoding + "'");
        };
        return DeviceSettings.DEFAULTS.withEncoding(type);
    }

    /** A fleet builder aimed at the chosen transport, after the loopback check. */
    Fleet.Builder fleet() {
        LoopbackGuard guard = guard();
        Fleet.Builder builder = Fleet.builder().transport(transport).settings(settings());
        if (transport != Transport.COAP) {
            builder.mqtt(guard.check("MQTT broker", mqtt));
        }
        if (transport != Transport.MQTT) {
            builder.coap(guard.check("CoAP endpoint", coap));
        }
        return builder;
    }

    /** How many messages one device may have unanswered: one on CoAP (NSTART), a few on MQTT. */
    int perDeviceInFlight() {
        return transport == Transport.MQTT ? 8 : 1;
    }

    /** Reads mqtt, coap or mixed. */
    public static final class TransportConverter implements picocli.CommandLine.ITypeConverter<Transport> {
        @Override
        public Transport convert(String value) {
            try {
                return Transport.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
