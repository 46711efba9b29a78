package org.doorplate.sim;

import java.time.ZoneOffset;
import org.doorplate.protocol.codec.ContentType;
import org.doorplate.sim.model.GnssReceiver;

/**
 * How the simulated devices of a fleet behave; the same for all of them.
 *
 * @param encoding how devices encode their messages
 * @param jitter the spread of report intervals as a fraction of the interval, 0..0.5
 * @param gnss how marker receivers scatter their fixes
 * @param bufferCapacity how many readings a device keeps while offline
 * @param maxBatchEntries how many buffered readings go into one back-fill batch
 * @param zone the devices' local time zone, which places the sun
 */
public record DeviceSettings(ContentType encoding, double jitter, GnssReceiver.Settings gnss, int bufferCapacity,
        int maxBatchEntries, ZoneOffset zone) {
    /** CBOR, 10% jitter, a typical receiver, 500 buffered readings in batches of 50, China Standard Time. */
    public static final DeviceSettings DEFAULTS = new DeviceSettings(ContentType.CBOR, 0.1,
        GnssReceiver.Settings.TYPICAL, 500, 50, ZoneOffset.ofHours(8));

    /** Checks the numbers. */
    public DeviceSettings {
        if (encoding == null || gnss == null || zone == null) {
            throw new NullPointerException("device settings: encoding, gnss and zone must not be null");
        }
        if (bufferCapacity < 1) {
            throw new IllegalArgumentException("buffer: expected >= 1 readings, found " + bufferCapacity);
        }
        if (maxBatchEntries < 1) {
            throw new IllegalArgumentException("batch size: expected >= 1 entries, found " + maxBatchEntries);
        }
    }

    public DeviceSettings withEncoding(ContentType newEncoding) {
        return new DeviceSettings(newEncoding, jitter, gnss, bufferCapacity, maxBatchEntries, zone);
    }

    public DeviceSettings withJitter(double newJitter) {
        return new DeviceSettings(encoding, newJitter, gnss, bufferCapacity, maxBatchEntries, zone);
    }

    public DeviceSettings withGnss(GnssReceiver.Settings newGnss) {
        return new DeviceSettings(encoding, jitter, newGnss, bufferCapacity, maxBatchEntries, zone);
    }
}
