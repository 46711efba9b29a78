package org.doorplate.protocol.codec;

/**
 * Bounds a decoder enforces before it allocates anything.
 *
 * <p>The defaults fit the largest batch: a marker reading takes at most 67 bytes as a CBOR batch
 * entry (57 with typical values) and at most 272 as a JSON one, so 200 entries need at most
 * 13453 bytes of CBOR and 54556 of JSON, inside 16 KiB and 64 KiB ({@code MessageSizeTest}).
 *
 * @param maxMessageBytes the longest message accepted, in bytes
 * @param maxBatchEntries the most entries a {@code reading_batch} may hold
 * @param maxTextBytes the longest detail text, in UTF-8 bytes
 */
public record Limits(int maxMessageBytes, int maxBatchEntries, int maxTextBytes) {
    /** The CBOR defaults: 16 KiB, 200 entries, 256 bytes of text. */
    public static final Limits CBOR_DEFAULT = new Limits(16 * 1024, 200, 256);

    /** The JSON defaults: 64 KiB, 200 entries, 256 bytes of text. */
    public static final Limits JSON_DEFAULT = new Limits(64 * 1024, 200, 256);

    /** Checks that every bound is positive. */
    public Limits {
        if (maxMessageBytes < 1 || maxBatchEntries < 1 || maxTextBytes < 1) {
            throw new IllegalArgumentException("limits must be positive, found " + maxMessageBytes + ", "
                + maxBatchEntries + ", " + maxTextBytes);
        }
    }
}
