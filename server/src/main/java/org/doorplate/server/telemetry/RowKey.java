package org.doorplate.server.telemetry;

import java.time.Instant;

/** The idempotence key of a stored uplink: the same message always has the same key. */
record RowKey(String deviceId, long seq, Instant time) {
}
