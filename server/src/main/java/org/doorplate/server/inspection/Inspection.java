package org.doorplate.server.inspection;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A joint inspection of one boundary line.
 *
 * @param id its id
 * @param lineCode the boundary line inspected
 * @param date the day of the inspection
 * @param leftInspectors inspectors of the line's left division
 * @param rightInspectors inspectors of the line's right division
 * @param notes general notes
 * @param createdBy the user who recorded it
 * @param createdAt when it was recorded
 */
@Serdeable
public record Inspection(long id, String lineCode, LocalDate date, List<String> leftInspectors,
        List<String> rightInspectors, String notes, String createdBy, Instant createdAt) {
}
