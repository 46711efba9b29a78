package org.doorplate.protocol.auth;

/** How a {@link ReplayWindow} classifies a sequence number. */
public enum ReplayVerdict {
    /** Not seen before: store it. */
    ACCEPT,
    /**
     * Already accepted. Acknowledge without storing: a broker redelivering after a crash, or a
     * CoAP retransmission, looks exactly like this.
     */
    DUPLICATE,
    /**
     * Inside the window but below the sequence number the window was seeded with after a
     * restart, and not seen since: it may or may not have been stored before. Store it through
     * the storage's unique key on (device, seq), which settles which.
     */
    UNKNOWN,
    /** Below the window: too old to tell from a replay. Reject. */
    STALE;

    /** Whether the message should go to storage: {@link #ACCEPT} or {@link #UNKNOWN}. */
    public boolean shouldStore() {
        return this == ACCEPT || this == UNKNOWN;
    }
}
