package org.doorplate.sim.verify;

import java.util.List;

/**
 * What the server says it stored for one device in a time range, as
 * {@code GET /api/v1/devices/{id}/sequences} answers.
 *
 * @param device the device
 * @param sequences every stored sequence number, each once
 * @param duplicates the sequence numbers stored more than once
 */
public record StoredSequences(String device, List<Long> sequences, List<Long> duplicates) {
    /** Copies the lists. */
    public StoredSequences {
        sequences = List.copyOf(sequences);
        duplicates = List.copyOf(duplicates);
    }
}
