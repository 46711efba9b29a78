package org.doorplate.server.ingest;

import java.util.Optional;

/**
 * The device registry as the pipeline and the transports see it: one lookup per uplink, so
 * implementations must answer from a cache ({@link RegistryIngestDevices} asks the core's
 * registry).
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
