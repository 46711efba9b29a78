package org.doorplate.server.inspection;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * What an inspection found at one marker.
 *
 * @param id the record's id
 * @param markerNumber the marker
 * @param condition its condition
 * @param notes what was seen or done
 * @param recordedBy who recorded it
 * @param recordedAt when
 * @param photos the photos taken, without their bytes
 */
@Serdeable
public record MarkerRecord(long id, String markerNumber, MarkerCondition condition, String notes,
        String recordedBy, Instant recordedAt, List<Photo> photos) {
    /**
     * A photo's description.
     *
     * @param id its id (its bytes are at {@code /api/v1/inspections/{inspection}/photos/{id}})
     * @param contentType image/jpeg, image/png or image/webp
     * @param fileName the uploaded file's name
     * @param sizeBytes its size
     * @param sha256 hex SHA-256 of its bytes
     */
    @Serdeable
    public record Photo(long id, String contentType, String fileName, int sizeBytes, String sha256) {
    }
}
