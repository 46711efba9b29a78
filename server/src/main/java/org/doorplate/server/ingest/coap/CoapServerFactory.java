package org.doorplate.server.ingest.coap;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.doorplate.server.ingest.IngestDevices;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.UDPConnector;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.SystemConfig;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and starts the Californium server: a DTLS 1.2 PSK endpoint and, for development only,
 * a plain CoAP endpoint. Destroying the bean stops both and releases their threads. Like the
 * MQTT adapter it exists only where the uplink pipeline does (a device registry is present).
 */
@Factory
final class CoapServerFactory {
    private static final Logger LOG = LoggerFactory.getLogger(CoapServerFactory.class);
    /**
     * RFC 9146 connection ids: the server picks a 6-byte id that the device puts in every
     * record, so a record still finds its DTLS session when the carrier's NAT gave the device a
     * new address and port, as NB-IoT networks do after a few minutes of silence. Without it
     * the device would need a new handshake after every NAT rebinding.
     */
    private static final int CONNECTION_ID_BYTES = 6;
    /** RFC 6347 4.1 (via RFC 5246 6.2.1): a DTLS record carries at most 2^14 bytes. */
    private static final int MAX_RECORD_PLAINTEXT_BYTES = 16_384;
    private static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;
    /** Room for the CoAP header, token and options beside the payload. */
    private static final int HEADER_ROOM_BYTES = 256;

    @Context
    @Bean(preDestroy = "destroy")
    CoapServer coapServer(CoapConfiguration settings, UplinkResource uplinks, IngestDevices devices,
            CoapThreads threads, CoapMetrics metrics) {
        Configuration config = californiumConfiguration(settings);
        CoapServer server = new CoapServer(config);
        server.add(uplinks);
        DevicePskStore pskStore = new DevicePskStore(devices, threads.keyLookups(), metrics);
        server.addEndpoint(secureEndpoint(config, settings, pskStore, metrics));
        if (settings.isPlainEnabled()) {
            server.addEndpoint(plainEndpoint(config, settings));
        }
        server.start();
        for (Endpoint endpoint : server.getEndpoints()) {
            if (!endpoint.isStarted()) {
                server.destroy();
                throw new IllegalStateException("CoAP endpoint did not start: " + endpoint.getUri());
            }
            LOG.info("coap endpoint listening [uri: {}]", endpoint.getUri());
        }
        return server;
    }

    /**
     * Californium's settings, made in code: no {@code Californium3.properties} file is read or
     * written (the default constructor of its standard configuration would write one).
     */
    static Configuration californiumConfiguration(CoapConfiguration settings) {
        Configuration config = new Configuration(CoapConfig.DEFINITIONS, DtlsConfig.DEFINITIONS,
            UdpConfig.DEFINITIONS, SystemConfig.DEFINITIONS);
        // A block-wise body above the limit is refused with 4.13 before it is reassembled.
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, UplinkLimits.MAX_BODY_BYTES);
        // A plain datagram up to a DTLS record's size arrives whole, so that an oversize one is
        // answered with 4.13 rather than cut.
        config.set(UdpConfig.UDP_DATAGRAM_SIZE, MAX_RECORD_PLAINTEXT_BYTES + HEADER_ROOM_BYTES);
        config.set(CoapConfig.EXCHANGE_LIFETIME, settings.getExchangeLifetime().toMillis(), TimeUnit.MILLISECONDS);
        // Bounded per-peer memory of message ids: a chatty peer cannot crowd out the others.
        config.set(CoapConfig.DEDUPLICATOR, CoapConfig.DEDUPLICATOR_PEERS_MARK_AND_SWEEP);
        config.set(CoapConfig.MAX_ACTIVE_PEERS, settings.getMaxDtlsConnections());
        config.set(CoapConfig.MAX_PEER_INACTIVITY_PERIOD, settings.getDtlsIdleTimeout().toSeconds(),
            TimeUnit.SECONDS);
        config.set(DtlsConfig.DTLS_ROLE, DtlsRole.SERVER_ONLY);
        config.set(DtlsConfig.DTLS_CONNECTION_ID_LENGTH, CONNECTION_ID_BYTES);
        // Devices on older mbedTLS or tinydtls still offer the draft's extension number.
        config.set(DtlsConfig.DTLS_SUPPORT_DEPRECATED_CID, true);
        config.set(DtlsConfig.DTLS_MAX_CONNECTIONS, settings.getMaxDtlsConnections());
        // A burst from many devices at once must not overflow the socket buffer (a lost
        // datagram costs the device a 2 s retransmission); the kernel caps this at
        // net.core.rmem_max, which a production host should raise to match.
        config.set(DtlsConfig.DTLS_RECEIVE_BUFFER_SIZE, SOCKET_BUFFER_BYTES);
        config.set(DtlsConfig.DTLS_SEND_BUFFER_SIZE, SOCKET_BUFFER_BYTES);
        config.set(DtlsConfig.DTLS_STALE_CONNECTION_THRESHOLD, settings.getDtlsIdleTimeout().toSeconds(),
            TimeUnit.SECONDS);
        // RFC 7925 4.2 makes AES-128-CCM-8 mandatory for CoAP devices; the others serve
        // general-purpose stacks such as OpenSSL. All are AEAD suites (no CBC, RFC 9325 4.2).
        config.setAsList(DtlsConfig.DTLS_CIPHER_SUITES,
            CipherSuite.TLS_PSK_WITH_AES_128_CCM_8,
            CipherSuite.TLS_PSK_WITH_AES_128_CCM,
            CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256);
        return config;
    }

    private static Endpoint secureEndpoint(Configuration config, CoapConfiguration settings,
            DevicePskStore pskStore, CoapMetrics metrics) {
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
            .setAddress(new InetSocketAddress(settings.getSecurePort()))
            .setAdvancedPskStore(pskStore)
            .setSessionListener(new HandshakeMonitor(metrics))
            .setLoggingTag("coaps")
            .build();
        return CoapEndpoint.builder()
            .setConfiguration(config)
            .setConnector(new DTLSConnector(dtls))
            .setLoggingTag("coaps")
            .build();
    }

    private static Endpoint plainEndpoint(Configuration config, CoapConfiguration settings) {
        LOG.warn("plain coap endpoint enabled: devices on it are not authenticated by the transport");
        return CoapEndpoint.builder()
            .setConfiguration(config)
            .setConnector(new UDPConnector(new InetSocketAddress(settings.getPort()), config))
            .setLoggingTag("coap")
            .build();
    }
}
