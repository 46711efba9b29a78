package org.doorplate.server.ingest;

import java.time.Duration;
import java.util.Objects;

/** What the pipeline did with an uplink; the transport adapter turns it into its answer. */
public sealed interface IngestOutcome {
    /** True when the device may forget the message: it is stored, known, or never will be. */
    default boolean acknowledge() {
        return !(this instanceof Unavailable);
    }

    /** The message is in a committed transaction. */
    record Stored() implements IngestOutcome {
    }

    /** The message was stored before (same device and sequence number); nothing changed. */
    record Duplicate() implements IngestOutcome {
    }

    /**
     * The message is refused and will be refused again if resent; nothing changed.
     *
     * @param reason the reason, from a fixed vocabulary (a metric tag)
     * @param detail a short human-readable explanation naming the bad value
     */
    record Rejected(RejectReason reason, String detail) implements IngestOutcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * Storage is down or the intake queue is full; nothing was stored.
     *
     * @param retryAfter how long the device should wait before it sends again
     */
    record Unavailable(Duration retryAfter) implements IngestOutcome {
        public Unavailable {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }
}
