package org.doorplate.protocol.message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The header every uplink carries.
 *
 * @param deviceId the sending device, see {@link DeviceIds}
 * @param seq the device's sequence number for this message, {@code 0..}{@link #MAX_SEQ}
 * @param deviceTime when the device created the message, by its own clock; whole seconds
 *     from the Unix epoch up to {@link #MAX_TIME} (a finer instant is truncated to seconds)
 */
public record Header(String deviceId, long seq, Instant deviceTime) {
    /** The largest sequence number, 2^53 - 1, so that it is exact in every JSON parser. */
    public static final long MAX_SEQ = (1L << 53) - 1;

    /** The latest device time, 2^32 - 1 seconds (2106-02-07T06:28:15Z): a firmware uint32. */
    public static final Instant MAX_TIME = Instant.ofEpochSecond(0xFFFF_FFFFL);

    /** Checks the fields; see the component descriptions. */
    public Header {
        DeviceIds.require("device", deviceId);
        Check.range("seq", seq, 0, MAX_SEQ);
        deviceTime = checkTime("time", deviceTime);
    }

    static Instant checkTime(String field, Instant time) {
        Check.notNull(field, time);
        Instant seconds = time.truncatedTo(ChronoUnit.SECONDS);
        Check.range(field + " (epoch seconds)", seconds.getEpochSecond(), 0, MAX_TIME.getEpochSecond());
        return seconds;
    }

    /** This header with another sequence number and time, for a new message of the same device. */
    public Header next(long nextSeq, Instant time) {
        return new Header(deviceId, nextSeq, time);
    }
}
