package org.doorplate.server.marker;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A boundary line to register.
 *
 * @param code 4 digits or capital letters
 * @param name its name, 1..100 characters
 * @param leftDivision 12-digit code of one division
 * @param rightDivision 12-digit code of the other
 * @param course at least two {@code [longitude, latitude]} pairs
 */
@Serdeable
public record NewBoundaryLine(String code, String name, String leftDivision, String rightDivision,
        List<List<Double>> course) {
}
