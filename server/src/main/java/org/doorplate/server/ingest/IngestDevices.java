package org.doorplate.server.ingest;

import java.util.Optional;

/**
 * The device registry as the pipeline sees it: one lookup per uplink, so implementations must
 * answer from a cache. The pipeline, the MQTT adapter and the telemetry endpoints are created
 * only when a bean of this type exists.
 */
public interface IngestDevices {
    /**
     * The registered device, active or disabled; empty when no device has this id.
     *
     * @throws RuntimeException when the registry cannot be asked (the uplink is then answered
     *     Unavailable, never rejected)
     */
    Optional<IngestDevice> find(String id);
}
