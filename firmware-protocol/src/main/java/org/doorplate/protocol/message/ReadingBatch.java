package org.doorplate.protocol.message;

import java.util.List;

/**
 * Readings and events a device buffered while offline, sent together with their original
 * sequence numbers and times.
 *
 * <p>The batch has its own header with a fresh sequence number, greater than every entry's.
 * Entries belong to the batch's device and their sequence numbers strictly ascend, which also
 * rules out two entries with the same number. Decoders accept at most
 * {@code Limits.maxBatchEntries()} entries (200 by default).
 *
 * @param header device, the batch's own sequence number, the time the batch was sent
 * @param entries the buffered messages, at least one, oldest sequence number first
 */
public record ReadingBatch(Header header, List<BatchEntry> entries) implements Uplink {
    /** Checks the fields and the rules above; copies the list. */
    public ReadingBatch {
        Check.notNull("header", header);
        entries = List.copyOf(Check.notNull("entries", entries));
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("entries: expected at least one entry");
        }
        long previous = -1;
        for (int i = 0; i < entries.size(); i++) {
            Header entry = entries.get(i).header();
            if (!entry.deviceId().equals(header.deviceId())) {
                throw new IllegalArgumentException("entries[" + i + "].device: expected '"
                    + header.deviceId() + "', found '" + entry.deviceId() + "'");
            }
            if (entry.seq() <= previous) {
                throw new IllegalArgumentException("entries[" + i
                    + "].seq: sequence numbers must strictly ascend, found " + entry.seq()
                    + " after " + previous);
            }
            previous = entry.seq();
        }
        if (previous >= header.seq()) {
            throw new IllegalArgumentException("seq: the batch's sequence number must exceed every entry's, found "
                + header.seq() + " with an entry at " + previous);
        }
    }

    @Override
    public MessageType type() {
        return MessageType.READING_BATCH;
    }
}
