package org.doorplate.server.gazetteer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;
import org.doorplate.server.security.Roles;

/**
 * The place-name office's API: divisions, place names (with rename history), public services,
 * and bulk import and export as CSV and GeoJSON. Reading needs any staff role; writing needs
 * {@code admin}.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.ADMIN, Roles.OFFICER, Roles.CREW})
public class GazetteerController {
    private final Gazetteer gazetteer;
    private final JsonMapper json;

    public GazetteerController(Gazetteer gazetteer, JsonMapper json) {
        this.gazetteer = gazetteer;
        this.json = json;
    }

    @Get("/divisions")
    public List<Division> divisions(@Nullable @QueryValue String parent) {
        return gazetteer.divisions(parent);
    }

    @Get("/divisions/{code}")
    public Division division(String code) {
        return gazetteer.division(code).orElseThrow(() -> new DoorplateException(ErrorStatus.NOT_FOUND,
                "no division with code " + Fields.quote(code)));
    }

    @Post("/divisions")
    @Secured(Roles.ADMIN)
    public Division saveDivision(@Body DivisionInput input) {
        return gazetteer.saveDivision(input);
    }

    @Get("/places")
    public List<PlaceName> places(@Nullable @QueryValue String category, @Nullable @QueryValue Integer limit,
                                  @Nullable @QueryValue Integer offset) {
        return gazetteer.places(category, Paging.limit(limit, 100, 1000), Paging.offset(offset));
    }

    @Get("/places/{code}")
    public PlaceName place(String code) {
        return gazetteer.place(code).orElseThrow(() -> new DoorplateException(ErrorStatus.NOT_FOUND,
                "no place name with code " + Fields.quote(code)));
    }

    @Post("/places")
    @Secured(Roles.ADMIN)
    public HttpResponse<PlaceName> createPlace(@Body PlaceInput input) {
        return HttpResponse.created(gazetteer.createPlace(input));
    }

    @Put("/places/{code}")
    @Secured(Roles.ADMIN)
    public PlaceName updatePlace(String code, @Body PlaceInput input) {
        if (!code.equals(input.code())) {
            throw new DoorplateException(ErrorStatus.BAD_REQUEST, "the body's code must be " + Fields.quote(code));
        }
        return gazetteer.updatePlace(input);
    }

    /** Renames a place; plates on it keep their codes and their pages say "formerly ...". */
    @Post("/places/{code}/rename")
    @Secured(Roles.ADMIN)
    public PlaceName rename(String code, @Body RenameRequest request) {
        return gazetteer.rename(code, request);
    }

    @Post(uri = "/places/import", consumes = {"text/csv", MediaType.TEXT_PLAIN})
    @Secured(Roles.ADMIN)
    public Map<String, Object> importPlaces(@Body String csv) {
        List<PlaceInput> places = PlaceCsv.read(new StringReader(csv));
        gazetteer.upsertPlaces(places);
        return Map.of("imported", places.size());
    }

    @Get(uri = "/places/export.csv", produces = "text/csv")
    public String exportCsv() {
        return PlaceCsv.write(gazetteer.places(null, Csv.MAX_ROWS, 0));
    }

    @Get(uri = "/places/export.geojson", produces = GeoJson.MEDIA_TYPE)
    public HttpResponse<byte[]> exportGeoJson() throws IOException {
        byte[] document = json.writeValueAsBytes(PlaceCsv.geoJson(gazetteer.places(null, Csv.MAX_ROWS, 0)));
        return HttpResponse.ok(document).header(HttpHeaders.CONTENT_TYPE, GeoJson.MEDIA_TYPE);
    }

    @Post("/services")
    @Secured(Roles.ADMIN)
    public HttpResponse<Map<String, Object>> saveService(@Body PublicService service) {
        gazetteer.saveService(service);
        return HttpResponse.created(Map.of("name", service.name(), "kind", service.kind()));
    }
}
