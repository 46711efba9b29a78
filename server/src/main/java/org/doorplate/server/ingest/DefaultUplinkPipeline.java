package org.doorplate.server.ingest;

import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.protocol.auth.ReplayVerdict;
import org.doorplate.protocol.auth.UplinkVerifier;
import org.doorplate.protocol.auth.Verification;
import org.doorplate.protocol.codec.ContentType;
import org.doorplate.protocol.message.Uplink;
import org.doorplate.server.telemetry.BatchWriter;
import org.doorplate.server.telemetry.UplinkWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline: verify (decode, device, MAC), replay check, queue for the batch writer, answer
 * after the commit. Rejections change nothing and are counted by transport and reason.
 */
@Singleton
final class DefaultUplinkPipeline implements UplinkPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultUplinkPipeline.class);
    private static final IngestOutcome DUPLICATE = new IngestOutcome.Duplicate();
    private static final IngestOutcome STORED = new IngestOutcome.Stored();

    private final IngestDevices registry;
    private final UplinkVerifier verifier;
    private final ReplayWindows windows;
    private final BatchWriter writer;
    private final IngestMetrics metrics;

    DefaultUplinkPipeline(IngestDevices registry, ReplayWindows windows, BatchWriter writer,
                          IngestMetrics metrics) {
        this.registry = registry;
        // Disabled devices have no key here, so the verifier stops them before the MAC check.
        this.verifier = new UplinkVerifier(id -> registry.find(id)
            .filter(IngestDevice::active)
            .map(device -> DeviceKey.of(device.key())));
        this.windows = windows;
        this.writer = writer;
        this.metrics = metrics;
    }

    @Override
    public CompletionStage<IngestOutcome> submit(RawUplink uplink) {
        if (!writer.storageUp()) {
            return unavailable(uplink);
        }
        try {
            return verifyAndStore(uplink);
        } catch (RuntimeException e) {
            // The registry or the state table could not be read: the message may be fine.
            LOG.debug("uplink not checked, storage unreachable [transport: {}]: {}", uplink.transport(),
                e.getMessage());
            return unavailable(uplink);
        }
    }

    private CompletionStage<IngestOutcome> verifyAndStore(RawUplink raw) {
        ContentType type = raw.format() == PayloadFormat.JSON ? ContentType.JSON : ContentType.CBOR;
        Verification verification = verifier.verify(raw.payload(), type, raw.authenticatedDeviceId());
        if (verification instanceof Verification.Rejected rejected) {
            return rejected(raw, reason(rejected), rejected.detail(), rejected.deviceId().orElse(null));
        }
        Uplink message = ((Verification.Verified) verification).uplink();
        ReplayVerdict verdict = windows.check(message);
        if (verdict == ReplayVerdict.DUPLICATE) {
            metrics.duplicate(raw.transport());
            LOG.trace("duplicate uplink [device: {}, seq: {}]", message.deviceId(), message.seq());
            return CompletableFuture.completedFuture(DUPLICATE);
        }
        if (verdict == ReplayVerdict.STALE) {
            return rejected(raw, RejectReason.STALE, "sequence number " + message.seq()
                + " is below the device's replay window", message.deviceId());
        }
        IngestDevice device = registry.find(message.deviceId()).orElseThrow();
        UplinkWrite write = UplinkWrite.of(device.kind(), message, raw.receivedAt());
        if (!writer.offer(write)) {
            return unavailable(raw);
        }
        return write.result().handle((isNew, failure) -> stored(raw, message, isNew, failure));
    }

    private IngestOutcome stored(RawUplink raw, Uplink message, Boolean isNew, Throwable failure) {
        if (failure != null) {
            metrics.unavailable(raw.transport());
            return new IngestOutcome.Unavailable(writer.retryAfter());
        }
        windows.accepted(message);
        if (isNew) {
            metrics.stored(raw.transport());
            LOG.trace("uplink stored [device: {}, seq: {}]", message.deviceId(), message.seq());
            return STORED;
        }
        metrics.duplicate(raw.transport());
        return DUPLICATE;
    }

    private RejectReason reason(Verification.Rejected rejected) {
        return switch (rejected.reason()) {
            case MALFORMED -> RejectReason.MALFORMED;
            case INVALID_VALUE -> RejectReason.INVALID_VALUE;
            case TOO_LARGE -> RejectReason.OVERSIZE;
            case UNSUPPORTED_VERSION -> RejectReason.UNSUPPORTED_VERSION;
            case UNKNOWN_DEVICE -> isDisabled(rejected.deviceId())
                ? RejectReason.DISABLED_DEVICE : RejectReason.UNKNOWN_DEVICE;
            case DEVICE_MISMATCH -> RejectReason.DEVICE_MISMATCH;
            case BAD_MAC -> RejectReason.BAD_MAC;
            case STALE -> RejectReason.STALE;
        };
    }

    private boolean isDisabled(Optional<String> deviceId) {
        return deviceId.flatMap(registry::find).isPresent();
    }

    private CompletionStage<IngestOutcome> rejected(RawUplink raw, RejectReason reason, String detail,
                                                    String deviceId) {
        metrics.rejected(raw.transport(), reason);
        LOG.debug("uplink rejected [device: {}, transport: {}, reason: {}]: {}", deviceId, raw.transport(),
            reason, detail);
        String text = reason == RejectReason.DISABLED_DEVICE ? "device '" + deviceId + "' is disabled" : detail;
        return CompletableFuture.completedFuture(new IngestOutcome.Rejected(reason, text));
    }

    private CompletionStage<IngestOutcome> unavailable(RawUplink raw) {
        metrics.unavailable(raw.transport());
        return CompletableFuture.completedFuture(new IngestOutcome.Unavailable(writer.retryAfter()));
    }
}
