package org.doorplate.server.marker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.doorplate.server.security.Roles;
import org.doorplate.server.testing.TestAccounts;
import org.doorplate.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** Verifies the boundary registry through its HTTP API: lines, markers, the CSV import and their checks. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BoundaryRegistryTest implements TestPropertyProvider {
    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ApplicationContext context;

    @Inject
    BoundaryRegistry registry;

    private String admin;
    private String crew;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }

    @BeforeAll
    void signIn() {
        admin = TestAccounts.token(context, "admin-boundary-test", Roles.ADMIN);
        crew = TestAccounts.token(context, "crew-boundary-test", Roles.CREW);
    }

    @Test
    void adminRegistersALineAndItsMarkersAndCrewsReadThem() {
        // GIVEN a registered line
        givenLine("1501");

        // WHEN a marker with its device is registered
        HttpResponse<Marker> created = client.toBlocking().exchange(HttpRequest.POST("/api/v1/markers",
            new MarkerInput("1501001Q", 40.123456, 111.654321, 1021.5, "bm-1501-001", "on the ridge"))
            .bearerAuth(admin), Marker.class);

        // THEN it is stored with its parts, crews see it, and the detectors find it by device
        assertEquals(HttpStatus.CREATED, created.status());
        assertEquals(MarkerType.Q, created.body().type());
        assertEquals(1, created.body().sequence());
        BoundaryController.LineDetail line = client.toBlocking().retrieve(HttpRequest.GET(
            "/api/v1/boundary-lines/1501").bearerAuth(crew), BoundaryController.LineDetail.class);
        assertEquals(List.of("1501001Q"), line.markers().stream().map(Marker::number).toList());
        assertEquals(2, line.line().course().size());
        assertEquals("1501001Q", registry.markerOfDevice("bm-1501-001").orElseThrow().number());
    }

    @Test
    void resultsTableCsvIsImportedWithChineseHeadersAndDmsCoordinates() {
        // GIVEN a line and a results table with a pair and a single marker
        givenLine("1502");
        String csv = "界桩编号,类型,纬度,经度,高程,所在边界线,备注\n"
            + "1502001A,同号双立,40°12′33.5″,111°30′00″,1000.2,1502,north bank\n"
            + "1502001B,同号双立,40°12′30.1″,111°30′01″,999.8,1502,south bank\n"
            + "1502002Q,单立,40.2100,111.5100,1003.0,1502,\n";

        // WHEN it is imported
        HttpResponse<Map<String, Object>> answer = client.toBlocking().exchange(HttpRequest.POST(
            "/api/v1/markers/import", csv).contentType("text/csv").bearerAuth(admin),
            Argument.mapOf(String.class, Object.class));

        // THEN all three are registered, with the coordinates converted to decimal degrees
        assertEquals(HttpStatus.CREATED, answer.status());
        assertEquals(3, answer.body().get("imported"));
        Marker north = registry.marker("1502001A");
        assertEquals(40 + 12 / 60.0 + 33.5 / 3600, north.latitude(), 1e-9);
        assertEquals("north bank", north.notes());
    }

    @Test
    void importWithOneBadRowRegistersNothingAndNamesEveryProblem() {
        // GIVEN a table with a bad letter, a mismatched type and an unknown line
        givenLine("1503");
        String csv = "number,type,lat,lon,height,line,notes\n"
            + "1503001Q,Q,40.1,111.1,1000,1503,\n"
            + "1503002X,Q,40.1,111.1,1000,1503,\n"
            + "1503003A,单立,40.1,111.1,1000,1503,\n"
            + "9999001Q,Q,40.1,111.1,1000,9999,\n"
            + "1503004Q,Q,95.0,111.1,1000,1503,\n";

        // WHEN it is imported THEN it is refused with each row's problem, and nothing is stored
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
            .exchange(HttpRequest.POST("/api/v1/markers/import", csv).contentType("text/csv").bearerAuth(admin)));
        assertEquals(HttpStatus.BAD_REQUEST, e.getStatus());
        String message = e.getResponse().getBody(Map.class).map(b -> b.get("message").toString()).orElse("");
        assertTrue(message.contains("line 3") && message.contains("type letter"), message);
        assertTrue(message.contains("line 4") && message.contains("does not match"), message);
        assertTrue(message.contains("lat"), message);
        assertTrue(registry.markers("1503").isEmpty());
    }

    @Test
    void pairedTripleAndSingleTypesCannotBeMixedOnOneSequence() {
        // GIVEN a single marker 1504001Q
        givenLine("1504");
        registry.createMarker(new MarkerInput("1504001Q", 40.1, 111.1, 1000, null, null));

        // WHEN an A marker with the same sequence is added THEN it is refused
        assertEquals(HttpStatus.BAD_REQUEST, assertThrows(HttpClientResponseException.class, () -> client
            .toBlocking().exchange(HttpRequest.POST("/api/v1/markers", new MarkerInput("1504001A", 40.1, 111.1,
                1000, null, null)).bearerAuth(admin))).getStatus());

        // AND a C/D/E triple on its own sequence is accepted
        registry.importMarkers(List.of(new MarkerInput("1504002C", 40.2, 111.2, 1000, null, null),
            new MarkerInput("1504002D", 40.2, 111.2, 1000, null, null),
            new MarkerInput("1504002E", 40.2, 111.2, 1000, null, null)));
        assertEquals(4, registry.markers("1504").size());
    }

    @Test
    void badLinesAreRefusedAndCrewsCannotWrite() {
        Map<String, Object> sameDivisions = Map.of("code", "1505", "name", "x", "leftDivision", "150102001001",
            "rightDivision", "150102001001", "course", List.of(List.of(111.0, 40.0), List.of(111.1, 40.1)));
        assertEquals(HttpStatus.BAD_REQUEST, status(HttpRequest.POST("/api/v1/boundary-lines", sameDivisions)
            .bearerAuth(admin)));
        Map<String, Object> onePoint = Map.of("code", "1505", "name", "x", "leftDivision", "150102001001",
            "rightDivision", "150102001002", "course", List.of(List.of(111.0, 40.0)));
        assertEquals(HttpStatus.BAD_REQUEST, status(HttpRequest.POST("/api/v1/boundary-lines", onePoint)
            .bearerAuth(admin)));
        assertEquals(HttpStatus.FORBIDDEN, status(HttpRequest.POST("/api/v1/boundary-lines", onePoint)
            .bearerAuth(crew)));
        assertEquals(HttpStatus.UNAUTHORIZED, status(HttpRequest.GET("/api/v1/markers")));
        assertEquals(HttpStatus.NOT_FOUND, status(HttpRequest.GET("/api/v1/markers/1505001Q").bearerAuth(crew)));
    }

    @Test
    void deviceFittedToOneMarkerCannotBeFittedToAnother() {
        givenLine("1506");
        registry.createMarker(new MarkerInput("1506001Q", 40.1, 111.1, 1000, "bm-1506", null));
        assertEquals(HttpStatus.CONFLICT, status(HttpRequest.POST("/api/v1/markers",
            new MarkerInput("1506002Q", 40.1, 111.1, 1000, "bm-1506", null)).bearerAuth(admin)));
    }

    private void givenLine(String code) {
        client.toBlocking().exchange(HttpRequest.POST("/api/v1/boundary-lines", Map.of("code", code,
            "name", "line " + code, "leftDivision", "150102001001", "rightDivision", "150102002001",
            "course", List.of(List.of(111.0, 40.0), List.of(111.2, 40.3)))).bearerAuth(admin)
            .contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    private HttpStatus status(HttpRequest<?> request) {
        try {
            return client.toBlocking().exchange(request).getStatus();
        } catch (HttpClientResponseException e) {
            return e.getStatus();
        }
    }
}
