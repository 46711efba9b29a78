package org.doorplate.server.inspection;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.marker.BoundaryRegistry;
import org.doorplate.server.marker.Marker;
import org.doorplate.server.security.Roles;

/** The joint inspection API: open, record conditions, upload photos, export the report. */
@Controller("/api/v1/inspections")
@Secured({Roles.CREW, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
public class InspectionController {
    private final Inspections inspections;
    private final BoundaryRegistry boundaries;
    private final InspectionReport report;

    public InspectionController(Inspections inspections, BoundaryRegistry boundaries,
            @Value("${doorplate.crew.time-zone:Asia/Shanghai}") String timeZone) {
        this.inspections = inspections;
        this.boundaries = boundaries;
        this.report = new InspectionReport(ZoneId.of(timeZone));
    }

    @Post
    @Status(HttpStatus.CREATED)
    Inspection create(@Body NewInspection inspection, Authentication user) {
        return inspections.create(inspection, user.getName());
    }

    @Get("{?line}")
    List<Inspection> list(@Nullable @QueryValue String line) {
        return inspections.list(line);
    }

    /** An inspection with its records. */
    @Get("/{id}")
    Detail get(@PathVariable long id) {
        return new Detail(inspections.find(id), List.copyOf(inspections.records(id).values()));
    }

    /** Records a marker's condition (again: the newer record replaces the older). */
    @Put("/{id}/markers/{number}")
    MarkerRecord record(@PathVariable long id, @PathVariable String number, @Body Condition body,
            Authentication user) {
        return inspections.record(id, number, MarkerCondition.of(body.condition()), body.notes(), user.getName());
    }

    /** Uploads one photo as multipart form data, in the part named {@code photo}. */
    @Post(value = "/{id}/markers/{number}/photos", consumes = MediaType.MULTIPART_FORM_DATA)
    @Status(HttpStatus.CREATED)
    MarkerRecord.Photo upload(@PathVariable long id, @PathVariable String number, CompletedFileUpload photo,
            Authentication user) throws IOException {
        return inspections.addPhoto(id, number, photo.getFilename(), photo.getBytes(), user.getName());
    }

    @Get("/{id}/photos/{photo}")
    HttpResponse<byte[]> photo(@PathVariable long id, @PathVariable long photo) {
        Inspections.StoredPhoto stored = inspections.photo(id, photo);
        return HttpResponse.ok(stored.data()).contentType(stored.contentType());
    }

    /** The printable report, photos embedded. */
    @Get(value = "/{id}/report.html", produces = MediaType.TEXT_HTML + ";charset=utf-8")
    String html(@PathVariable long id) {
        Inspection inspection = inspections.find(id);
        Map<String, MarkerRecord> records = inspections.records(id);
        Map<Long, Inspections.StoredPhoto> photos = new HashMap<>();
        records.values().forEach(r -> r.photos().forEach(p -> photos.put(p.id(), inspections.photo(id, p.id()))));
        return report.html(inspection, boundaries.line(inspection.lineCode()), markers(inspection), records, photos);
    }

    /** One row per marker of the line. */
    @Get(value = "/{id}/report.csv", produces = "text/csv;charset=utf-8")
    HttpResponse<String> csv(@PathVariable long id) {
        Inspection inspection = inspections.find(id);
        return HttpResponse.ok(report.csv(inspection, markers(inspection), inspections.records(id)))
            .header("Content-Disposition", "attachment; filename=\"inspection-" + id + ".csv\"");
    }

    private List<Marker> markers(Inspection inspection) {
        List<Marker> markers = boundaries.markers(inspection.lineCode());
        if (markers.isEmpty()) {
            throw DoorplateException.conflict("line " + inspection.lineCode() + " has no markers to report on");
        }
        return markers;
    }

    /** An inspection and its records. */
    @Serdeable
    record Detail(Inspection inspection, List<MarkerRecord> records) {
    }

    /**
     * A marker's condition.
     *
     * @param condition intact, damaged, displaced, missing or restored
     * @param notes what was seen or done, or null
     */
    @Serdeable
    record Condition(String condition, @Nullable String notes) {
    }
}
