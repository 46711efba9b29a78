package org.doorplate.server.telemetry;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The sequence numbers stored for a device, for the simulator's end-to-end check.
 *
 * @param device the device
 * @param sequences every stored sequence number, ascending, each once
 * @param duplicates sequence numbers stored more than once (with different device times), ascending
 * @param truncated whether the list stops at the answer's limit
 */
@Serdeable
public record StoredSequences(String device, List<Long> sequences, List<Long> duplicates, boolean truncated) {
}
