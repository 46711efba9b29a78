package org.doorplate.server.inspection;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An inspection to open.
 *
 * @param lineCode the boundary line
 * @param date ISO date of the inspection ({@code 2025-05-20})
 * @param leftInspectors 1..10 names for the line's left division
 * @param rightInspectors 1..10 names for the line's right division
 * @param notes general notes, or null
 */
@Serdeable
public record NewInspection(String lineCode, String date, List<String> leftInspectors,
        List<String> rightInspectors, @Nullable String notes) {
}
