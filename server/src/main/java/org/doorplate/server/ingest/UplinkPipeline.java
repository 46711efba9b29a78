package org.doorplate.server.ingest;

import java.util.concurrent.CompletionStage;

/**
 * The one path every uplink takes, whatever its transport: decode, find the device, verify the
 * MAC and the sequence number, store, and only then answer.
 *
 * <p>Transport adapters acknowledge a message to the device (MQTT PUBACK, CoAP ACK) only when
 * the returned stage completes with {@link IngestOutcome.Stored}, {@link IngestOutcome.Duplicate}
 * or {@link IngestOutcome.Rejected}. {@link IngestOutcome.Unavailable} means nothing was stored
 * and the device must send again later. Implementations are thread-safe; the stage never
 * completes exceptionally.
 */
public interface UplinkPipeline {
    /** Completes when the message is durably stored, found a duplicate, or rejected. */
    CompletionStage<IngestOutcome> submit(RawUplink uplink);
}
