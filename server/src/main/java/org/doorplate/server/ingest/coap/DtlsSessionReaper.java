package org.doorplate.server.ingest.coap;

import io.micronaut.context.BeanProvider;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.doorplate.server.device.DeviceChanged;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.eclipse.californium.scandium.DTLSConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a device's open DTLS sessions when the registry changes it (key rotated, disabled,
 * enabled): the PSK is read only at the handshake, so without this an old key or a disabled
 * device would keep a working session until it expired. The device's next record finds no
 * session and it must handshake again, with the current key.
 */
@Singleton
final class DtlsSessionReaper {
    private static final Logger LOG = LoggerFactory.getLogger(DtlsSessionReaper.class);

    private final BeanProvider<CoapServer> server;

    DtlsSessionReaper(BeanProvider<CoapServer> server) {
        this.server = server;
    }

    @EventListener
    void onDeviceChanged(DeviceChanged event) {
        PreSharedKeyIdentity identity = new PreSharedKeyIdentity(event.id());
        for (Endpoint endpoint : server.get().getEndpoints()) {
            if (endpoint instanceof CoapEndpoint coap && coap.getConnector() instanceof DTLSConnector dtls) {
                // Asynchronous: the connector's own threads walk its connection store.
                dtls.startDropConnectionsForPrincipal(identity);
            }
        }
        LOG.debug("dtls sessions dropped [device: {}]", event.id());
    }
}
