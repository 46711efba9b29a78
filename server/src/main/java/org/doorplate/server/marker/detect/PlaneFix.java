package org.doorplate.server.marker.detect;

/**
 * A usable GNSS fix as offsets from the marker's reference position.
 *
 * @param east metres east of the reference
 * @param north metres north of the reference
 * @param hdop the receiver's horizontal dilution of precision for this fix (positive)
 */
public record PlaneFix(double east, double north, double hdop) {
    public PlaneFix {
        if (!Double.isFinite(east) || !Double.isFinite(north)) {
            throw new IllegalArgumentException("east and north must be finite, found " + east + ", " + north);
        }
        if (!(hdop > 0) || !Double.isFinite(hdop)) {
            throw new IllegalArgumentException("hdop must be positive, found " + hdop);
        }
    }
}
