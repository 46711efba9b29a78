package org.doorplate.server.telemetry;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The sequence numbers stored for a device, for the simulator's end-to-end check. Empty lists
 * are written out: a verifier reads {@code "duplicates": []} as the good news.
 *
 * @param device the device
 * @param sequences every stored sequence number, ascending, each once
 * @param duplicates sequence numbers stored more than once (with different device times), ascending
 * @param truncated whether the list stops at the answer's limit
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StoredSequences(String device, List<Long> sequences, List<Long> duplicates, boolean truncated) {
}
