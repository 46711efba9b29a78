package org.doorplate.server.ingest.coap;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.Executor;
import javax.crypto.SecretKey;
import org.doorplate.protocol.message.DeviceIds;
import org.doorplate.server.ingest.IngestDevice;
import org.doorplate.server.ingest.IngestDevices;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.PskSecretResult;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedPskStore;
import org.eclipse.californium.scandium.util.SecretUtil;
import org.eclipse.californium.scandium.util.ServerNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's PSK store: the PSK identity is the device id, the secret is the device key.
 * An unknown or disabled device gets no secret, which makes Scandium fail the handshake.
 *
 * <p>The lookup may reach the database on a cache miss, so it runs on the adapter's own threads
 * and hands the result back asynchronously, as {@link AdvancedPskStore} allows: Scandium's few
 * connector threads keep serving other devices meanwhile.
 *
 * <p>The key is read only at the handshake; {@link DtlsSessionReaper} ends the open sessions of
 * a device whose key or state changed.
 */
final class DevicePskStore implements AdvancedPskStore {
    private static final Logger LOG = LoggerFactory.getLogger(DevicePskStore.class);

    private final IngestDevices devices;
    private final Executor lookups;
    private final CoapMetrics metrics;
    private volatile HandshakeResultHandler resultHandler;

    DevicePskStore(IngestDevices devices, Executor lookups, CoapMetrics metrics) {
        this.devices = devices;
        this.lookups = lookups;
        this.metrics = metrics;
    }

    @Override
    public boolean hasEcdhePskSupported() {
        return true;
    }

    @Override
    public PskSecretResult requestPskSecretResult(ConnectionId cid, ServerNames serverName,
            PskPublicInformation identity, String hmacAlgorithm, SecretKey otherSecret, byte[] seed,
            boolean useExtendedMasterSecret) {
        lookups.execute(() -> resultHandler.apply(lookup(cid, identity)));
        return null;
    }

    private PskSecretResult lookup(ConnectionId cid, PskPublicInformation identity) {
        String deviceId = identity.getPublicInfoAsString();
        SecretKey secret = null;
        try {
            Optional<IngestDevice> device = DeviceIds.isValid(deviceId)
                ? devices.find(deviceId).filter(IngestDevice::active) : Optional.empty();
            if (device.isPresent()) {
                secret = SecretUtil.create(device.get().key(), "PSK");
            } else {
                metrics.identityRefused();
                LOG.debug("no psk for identity [device: {}]", deviceId);
            }
        } catch (RuntimeException e) {
            LOG.warn("psk lookup failed [device: {}]", deviceId, e);
        }
        return new PskSecretResult(cid, identity, secret);
    }

    /** Only used by DTLS clients; the server never starts a handshake. */
    @Override
    public PskPublicInformation getIdentity(InetSocketAddress peerAddress, ServerNames virtualHost) {
        return null;
    }

    @Override
    public void setResultHandler(HandshakeResultHandler resultHandler) {
        this.resultHandler = resultHandler;
    }
}
