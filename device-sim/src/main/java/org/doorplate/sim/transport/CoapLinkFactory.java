package org.doorplate.sim.transport;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.doorplate.sim.provision.DeviceCredentials;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.config.DtlsConfig;

/**
 * Makes one CoAP endpoint per device: with {@code coaps://} a DTLS 1.2 client authenticating
 * with its PSK (identity = device id, secret = device key) as Eclipse Hono's CoAP adapter
 * expects, with {@code coap://} plain UDP where only the message MAC authenticates.
 *
 * <p>The endpoints share one small scheduler for the CoAP protocol stage, so that a fleet of
 * hundreds does not start hundreds of thread pools.
 */
public final class CoapLinkFactory implements LinkFactory {
    static {
        CoapConfig.register();
        DtlsConfig.register();
        UdpConfig.register();
    }

    private final URI server;
    private final Configuration config;
    private final ScheduledExecutorService main;
    private final ScheduledExecutorService secondary;

    /**
     * @param server {@code coaps://host:5684} or {@code coap://host:5683}
     * @param ackTimeout the first retransmission timeout of a CON request (RFC 7252 section 4.8
     *     says 2 s) and of a DTLS handshake flight; up to three retransmissions follow, each
     *     after twice the wait
     */
    public CoapLinkFactory(URI server, Duration ackTimeout) {
        String scheme = server.getScheme();
        if (!"coap".equals(scheme) && !"coaps".equals(scheme)) {
            throw new IllegalArgumentException("coap: expected a coap:// or coaps:// URL, found '" + server + "'");
        }
        this.server = server;
        this.config = Configuration.createStandardWithoutFile()
            .set(CoapConfig.ACK_TIMEOUT, ackTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .set(CoapConfig.MAX_RETRANSMIT, 3)
            .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY)
            .set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, ackTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, 3)
            // A zero-length connection id still signals support (RFC 9146), so the server may
            // issue one and keep the session across NAT rebinding, as NB-IoT needs.
            .set(DtlsConfig.DTLS_CONNECTION_ID_LENGTH, 0)
            .set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1)
            .set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1)
            .set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, 1)
            .set(UdpConfig.UDP_SENDER_THREAD_COUNT, 1);
        this.main = Executors.newScheduledThreadPool(2, daemon("coap-main"));
        this.secondary = Executors.newScheduledThreadPool(1, daemon("coap-timer"));
    }

    /** A factory with the RFC's 2-second first retransmission timeout. */
    public CoapLinkFactory(URI server) {
        this(server, Duration.ofSeconds(2));
    }

    public URI server() {
        return server;
    }

    boolean secure() {
        return "coaps".equals(server.getScheme());
    }

    Configuration config() {
        return config;
    }

    ScheduledExecutorService mainExecutor() {
        return main;
    }

    ScheduledExecutorService secondaryExecutor() {
        return secondary;
    }

    @Override
    public DeviceLink create(DeviceCredentials device, Consumer<byte[]> downlinks) {
        return new CoapLink(this, device);
    }

    @Override
    public void close() {
        main.shutdownNow();
        secondary.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
