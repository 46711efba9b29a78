package org.doorplate.server.ingest.coap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Property;
import java.time.Duration;

/**
 * The CoAP adapter's settings under {@code doorplate.coap.*}, plus the DTLS port, which the
 * operator sets as {@code DOORPLATE_COAPS_PORT} ({@code doorplate.coaps.port}). Port 0 picks a
 * free port (tests).
 */
@ConfigurationProperties("doorplate.coap")
public class CoapConfiguration {
    @Property(name = "doorplate.coaps.port")
    private int securePort = 5684;
    private int port = 5683;
    private boolean plainEnabled;
    private Duration exchangeLifetime = Duration.ofSeconds(247);
    private Duration separateResponseAfter = Duration.ofSeconds(1);
    private int maxDtlsConnections = 200_000;
    private Duration dtlsIdleTimeout = Duration.ofHours(36);
    private int replyThreads = 2;

    /** UDP port of the DTLS endpoint ({@code coaps}); the only endpoint devices should use. */
    public int getSecurePort() {
        return securePort;
    }

    public void setSecurePort(int securePort) {
        this.securePort = securePort;
    }

    /** UDP port of the plain CoAP endpoint, opened only when {@code plain-enabled} is true. */
    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    /** Whether to open the unencrypted endpoint (development only: no device authentication). */
    public boolean isPlainEnabled() {
        return plainEnabled;
    }

    public void setPlainEnabled(boolean plainEnabled) {
        this.plainEnabled = plainEnabled;
    }

    /** How long a request's message id is remembered to drop retransmissions (RFC 7252 4.8.2). */
    public Duration getExchangeLifetime() {
        return exchangeLifetime;
    }

    public void setExchangeLifetime(Duration exchangeLifetime) {
        this.exchangeLifetime = exchangeLifetime;
    }

    /** After this wait for storage a CON uplink gets an empty ACK and a separate response. */
    public Duration getSeparateResponseAfter() {
        return separateResponseAfter;
    }

    public void setSeparateResponseAfter(Duration separateResponseAfter) {
        this.separateResponseAfter = separateResponseAfter;
    }

    /** Most DTLS connections kept at once; the least recently used idle one makes room. */
    public int getMaxDtlsConnections() {
        return maxDtlsConnections;
    }

    public void setMaxDtlsConnections(int maxDtlsConnections) {
        this.maxDtlsConnections = maxDtlsConnections;
    }

    /** A DTLS connection idle this long may be evicted; longer than a doorplate's 24 h report. */
    public Duration getDtlsIdleTimeout() {
        return dtlsIdleTimeout;
    }

    public void setDtlsIdleTimeout(Duration dtlsIdleTimeout) {
        this.dtlsIdleTimeout = dtlsIdleTimeout;
    }

    /** Threads that turn stored uplinks into CoAP responses (off the storage writer). */
    public int getReplyThreads() {
        return replyThreads;
    }

    public void setReplyThreads(int replyThreads) {
        this.replyThreads = replyThreads;
    }
}
