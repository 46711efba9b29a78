package org.doorplate.server.marker;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import org.doorplate.server.security.Roles;

/**
 * The boundary registry's HTTP API: admins register lines and markers (one by one or from a
 * results-table CSV); crews read them.
 */
@Controller("/api/v1")
@Secured({Roles.ADMIN, Roles.CREW})
public class BoundaryController {
    private final BoundaryRegistry registry;

    public BoundaryController(BoundaryRegistry registry) {
        this.registry = registry;
    }

    @Post("/boundary-lines")
    @Secured(Roles.ADMIN)
    @Status(HttpStatus.CREATED)
    BoundaryLine createLine(@Body NewBoundaryLine line) {
        return registry.createLine(line);
    }

    @Get("/boundary-lines")
    List<BoundaryLine> lines() {
        return registry.lines();
    }

    /** A line with its markers. */
    @Get("/boundary-lines/{code}")
    LineDetail line(@PathVariable String code) {
        return new LineDetail(registry.line(code), registry.markers(code));
    }

    @Post("/markers")
    @Secured(Roles.ADMIN)
    @Status(HttpStatus.CREATED)
    Marker createMarker(@Body MarkerInput marker) {
        return registry.createMarker(marker);
    }

    /** Imports a results-table CSV (see {@link MarkerCsv}); all rows or none. */
    @Post("/markers/import")
    @Secured(Roles.ADMIN)
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Status(HttpStatus.CREATED)
    Imported importMarkers(@Body String csv) {
        return new Imported(registry.importMarkers(MarkerCsv.parse(csv)).size());
    }

    @Put("/markers/{number}")
    @Secured(Roles.ADMIN)
    Marker updateMarker(@PathVariable String number, @Body MarkerInput marker) {
        return registry.updateMarker(number, marker);
    }

    /** Markers, all or of one line. */
    @Get("/markers{?line}")
    List<Marker> markers(@Nullable @QueryValue String line) {
        return registry.markers(line);
    }

    @Get("/markers/{number}")
    Marker marker(@PathVariable String number) {
        return registry.marker(number);
    }

    /** A line and its markers. */
    @Serdeable
    record LineDetail(BoundaryLine line, List<Marker> markers) {
    }

    /** How many markers an import registered. */
    @Serdeable
    record Imported(int imported) {
    }
}
