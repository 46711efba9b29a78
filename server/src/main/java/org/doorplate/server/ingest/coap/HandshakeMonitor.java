package org.doorplate.server.ingest.coap;

import org.eclipse.californium.scandium.dtls.DTLSContext;
import org.eclipse.californium.scandium.dtls.Handshaker;
import org.eclipse.californium.scandium.dtls.SessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts DTLS handshakes and logs the failed ones (unknown identity, wrong key, timeouts). */
final class HandshakeMonitor implements SessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(HandshakeMonitor.class);

    private final CoapMetrics metrics;

    HandshakeMonitor(CoapMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handshakeStarted(Handshaker handshaker) {
    }

    @Override
    public void contextEstablished(Handshaker handshaker, DTLSContext context) {
    }

    @Override
    public void handshakeCompleted(Handshaker handshaker) {
        metrics.handshakeSucceeded();
    }

    @Override
    public void handshakeFailed(Handshaker handshaker, Throwable error) {
        metrics.handshakeFailed();
        LOG.debug("dtls handshake failed [peer: {}]: {}", handshaker.getPeerAddress(), error.toString());
    }

    @Override
    public void handshakeFlightRetransmitted(Handshaker handshaker, int flight) {
    }
}
