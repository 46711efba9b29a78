package org.doorplate.server.marker;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A boundary line between two divisions.
 *
 * @param code its 4-character code, the first part of its markers' numbers
 * @param name its name
 * @param leftDivision the 12-digit code of the division on one side
 * @param rightDivision the 12-digit code of the division on the other side
 * @param course the line's course as a polyline of {@code [longitude, latitude]} pairs (CGCS2000)
 * @param createdAt when it was registered
 */
@Serdeable
public record BoundaryLine(String code, String name, String leftDivision, String rightDivision,
        List<List<Double>> course, Instant createdAt) {
}
