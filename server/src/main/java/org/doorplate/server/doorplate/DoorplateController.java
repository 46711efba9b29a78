package org.doorplate.server.doorplate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;
import org.doorplate.server.gazetteer.Csv;
import org.doorplate.server.gazetteer.Fields;
import org.doorplate.server.gazetteer.Gazetteer;
import org.doorplate.server.gazetteer.GeoJson;
import org.doorplate.server.gazetteer.Paging;
import org.doorplate.server.gazetteer.PlaceName;
import org.doorplate.server.security.Roles;

/**
 * The doorplate API: issue, change and retire plates, bulk import and export (CSV, GeoJSON),
 * QR codes (PNG, SVG), the print sheet of a road and scan counts. Reading needs any staff
 * role; changing plates needs {@code admin}.
 */
@Controller("/api/v1/doorplates")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.ADMIN, Roles.OFFICER, Roles.CREW})
public class DoorplateController {
    private static final int MAX_QR_PIXELS = 2000;

    private final Doorplates doorplates;
    private final Gazetteer gazetteer;
    private final ScanStatistics statistics;
    private final JsonMapper json;
    private final Clock clock;

    public DoorplateController(Doorplates doorplates, Gazetteer gazetteer, ScanStatistics statistics,
                               JsonMapper json, Clock clock) {
        this.doorplates = doorplates;
        this.gazetteer = gazetteer;
        this.statistics = statistics;
        this.json = json;
        this.clock = clock;
    }

    /** Plates with their codes, in address order. */
    @Get
    public List<Doorplate> list(@Nullable @QueryValue Integer limit, @Nullable @QueryValue Integer offset,
                                @Nullable @QueryValue String road) {
        return doorplates.list(road, Paging.limit(limit, 100, 10_000), Paging.offset(offset));
    }

    @Post
    @Secured(Roles.ADMIN)
    public HttpResponse<Doorplate> create(@Body PlateInput input) {
        return HttpResponse.created(doorplates.create(input));
    }

    @Get("/{code}")
    public Doorplate get(String code) {
        return plate(code);
    }

    @Put("/{code}")
    @Secured(Roles.ADMIN)
    public Doorplate update(String code, @Body PlateInput input) {
        return doorplates.update(plate(code).code(), input);
    }

    /** Takes a plate down; its code then answers 410 with a link to the successor. */
    @Post("/{code}/retire")
    @Secured(Roles.ADMIN)
    public Doorplate retire(String code, @Body RetireRequest request) {
        String successor = request.successorCode() == null ? null : canonical(request.successorCode());
        return doorplates.retire(plate(code).code(), successor);
    }

    /** Imports plates from CSV or a GeoJSON FeatureCollection, all or nothing. */
    @Post(uri = "/import", consumes = {"text/csv", GeoJson.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Secured(Roles.ADMIN)
    public Map<String, Object> importPlates(@Body String body, HttpRequest<?> request) {
        boolean csv = request.getContentType().map(type -> type.getSubtype().equals("csv")).orElse(false);
        List<PlateInput> inputs = csv ? PlateCsv.read(new StringReader(body)) : geoJson(body);
        List<String> created = doorplates.importAll(inputs);
        return Map.of("rows", inputs.size(), "created", created.size(), "codes", created);
    }

    @Get(uri = "/export.csv", produces = "text/csv")
    public String exportCsv() {
        return PlateCsv.write(doorplates.list(null, Csv.MAX_ROWS, 0));
    }

    @Get(uri = "/export.geojson", produces = GeoJson.MEDIA_TYPE)
    public HttpResponse<byte[]> exportGeoJson() throws IOException {
        byte[] document = json.writeValueAsBytes(PlateCsv.geoJson(doorplates.list(null, Csv.MAX_ROWS, 0)));
        return HttpResponse.ok(document).header(HttpHeaders.CONTENT_TYPE, GeoJson.MEDIA_TYPE);
    }

    @Get(uri = "/{code}/qr.png", produces = "image/png")
    public HttpResponse<byte[]> qrPng(String code, @Nullable @QueryValue Integer size) {
        int pixels = size == null ? 400 : size;
        if (pixels < 64 || pixels > MAX_QR_PIXELS) {
            throw new DoorplateException(ErrorStatus.BAD_REQUEST,
                    "size must be between 64 and " + MAX_QR_PIXELS + " pixels, found " + pixels);
        }
        return HttpResponse.ok(QrCodes.png(plate(code).url(), pixels)).contentType("image/png");
    }

    @Get(uri = "/{code}/qr.svg", produces = "image/svg+xml")
    public HttpResponse<byte[]> qrSvg(String code) {
        byte[] svg = QrCodes.svg(plate(code).url()).getBytes(StandardCharsets.UTF_8);
        return HttpResponse.ok(svg).contentType("image/svg+xml");
    }

    /** The plate maker's printable sheet of one road's active plates. */
    @Get(uri = "/sheet", produces = MediaType.TEXT_HTML)
    @Secured({Roles.ADMIN, Roles.CREW})
    public HttpResponse<byte[]> sheet(@QueryValue String road) {
        PlaceName place = gazetteer.place(road).orElseThrow(() -> new DoorplateException(ErrorStatus.NOT_FOUND,
                "no place name with code " + Fields.quote(road)));
        List<Doorplate> plates = doorplates.list(place.code(), 10_000, 0);
        return HttpResponse.ok(PrintSheet.render(place, plates).getBytes(StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8");
    }

    /** Scan counts over time: {@code bucket} like PT1H or 1h; the range defaults to the last 7 days. */
    @Get("/{code}/scans")
    public Map<String, Object> scans(String code, @Nullable @QueryValue String bucket,
                                     @Nullable @QueryValue String from, @Nullable @QueryValue String to) {
        Doorplate plate = plate(code);
        Duration width = ScanStatistics.parseBucket(bucket == null ? "1h" : bucket);
        Instant end = to == null ? clock.instant() : instant("to", to);
        Instant start = from == null ? end.minus(Duration.ofDays(7)) : instant("from", from);
        return Map.of("plate", plate.code(), "bucket", width.toString(),
                "buckets", statistics.counts(plate.code(), width, start, end));
    }

    private Doorplate plate(String code) {
        String canonical = canonical(code);
        return doorplates.find(canonical).orElseThrow(() -> new DoorplateException(ErrorStatus.NOT_FOUND,
                "no doorplate has code " + canonical));
    }

    private static String canonical(String code) {
        String canonical = PlateCode.normalize(code);
        if (canonical == null) {
            throw new DoorplateException(ErrorStatus.BAD_REQUEST, "a doorplate code is " + PlateCode.LENGTH
                    + " characters of A-Z and 2-7, found " + Fields.quote(code));
        }
        return canonical;
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new DoorplateException(ErrorStatus.BAD_REQUEST,
                    name + " must be an ISO-8601 instant like 2025-01-31T00:00:00Z, found " + Fields.quote(value));
        }
    }

    @SuppressWarnings("unchecked")
    private List<PlateInput> geoJson(String body) {
        try {
            return PlateCsv.readGeoJson(json.readValue(body, Map.class));
        } catch (IOException e) {
            throw new DoorplateException(ErrorStatus.BAD_REQUEST, "not a readable GeoJSON document");
        }
    }
}
