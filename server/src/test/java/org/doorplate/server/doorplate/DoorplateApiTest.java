package org.doorplate.server.doorplate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.doorplate.server.security.Roles;
import org.doorplate.server.testing.TestAccounts;
import org.doorplate.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verifies the admin API of plates and place names over HTTP: issue, list, QR codes, bulk import
 * and export, rename, retire, the print sheet, scan counts and the role checks.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class DoorplateApiTest implements TestPropertyProvider {
    private static final String PUBLIC_URL = "https://plates.example.test";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    ApplicationContext context;

    @Inject
    JsonMapper json;

    @TempDir
    Path directory;

    private String admin;
    private String crew;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("doorplate.demo", "true");
        properties.put("doorplate.public-url", PUBLIC_URL + "/");
        properties.put("doorplate.scan.flush-interval", "100ms");
        return properties;
    }

    @BeforeAll
    void givenStaffAccounts() {
        admin = TestAccounts.token(context, "admin-plate-api-test", Roles.ADMIN);
        crew = TestAccounts.token(context, "crew-plate-api-test", Roles.CREW);
    }

    @Test
    void issuedPlateGetsARandomCodeAndAQrCodeOfItsPublicUrl() throws Exception {
        // GIVEN an admin issues a plate
        Map<String, Object> plate = create(Map.of("roadCode", "150102R003", "number", "501", "postcode", "010020"));
        String code = (String) plate.get("code");

        // WHEN its QR code is fetched as PNG and SVG
        byte[] png = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/doorplates/" + code + "/qr.png?size=300")
                .bearerAuth(crew), byte[].class);
        HttpResponse<String> svg = http.toBlocking().exchange(HttpRequest.GET("/api/v1/doorplates/" + code
                + "/qr.svg").bearerAuth(crew), String.class);

        // THEN the code is 13 base32 characters, and both decoders read the public scan URL
        assertTrue(code.matches("[A-Z2-7]{13}"), code);
        assertEquals(PUBLIC_URL + "/q/" + code, plate.get("url"));
        String decoded = QrCodesTest.decode(ImageIO.read(new ByteArrayInputStream(png))).getText();
        assertEquals(PUBLIC_URL + "/q/" + code, decoded);
        Path file = directory.resolve("qr.png");
        Files.write(file, png);
        assertEquals(PUBLIC_URL + "/q/" + code, zbarimg(file));
        assertEquals("image/svg+xml", svg.header(HttpHeaders.CONTENT_TYPE));
        assertTrue(svg.body().startsWith("<svg"));
    }

    @Test
    void listGivesPlatesWithTheirCodesUpToTheLimit() {
        List<Map<String, Object>> plates = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/doorplates?limit=5")
                .bearerAuth(crew), Argument.listOf(Argument.mapOf(String.class, Object.class)));

        assertEquals(5, plates.size());
        assertTrue(plates.stream().allMatch(p -> ((String) p.get("code")).matches("[A-Z2-7]{13}")));
        assertEquals(400, failure(HttpRequest.GET("/api/v1/doorplates?limit=0").bearerAuth(crew)));
        assertEquals(401, failure(HttpRequest.GET("/api/v1/doorplates?limit=5")));
    }

    @Test
    void onlyAdminsChangePlatesAndBadInputIsRefused() {
        assertEquals(403, failure(HttpRequest.POST("/api/v1/doorplates", Map.of("roadCode", "150102R003",
                "number", "502")).bearerAuth(crew)));
        assertEquals(400, failure(HttpRequest.POST("/api/v1/doorplates", Map.of("roadCode", "150102R003",
                "number", "502", "postcode", "01002")).bearerAuth(admin)));
        assertEquals(400, failure(HttpRequest.POST("/api/v1/doorplates", Map.of("roadCode", "NO-SUCH-ROAD",
                "number", "502")).bearerAuth(admin)));
        assertEquals(400, failure(HttpRequest.POST("/api/v1/doorplates", Map.of("roadCode", "150102R003",
                "number", "x".repeat(21))).bearerAuth(admin)));
        create(Map.of("roadCode", "150102R003", "number", "503"));
        assertEquals(409, failure(HttpRequest.POST("/api/v1/doorplates", Map.of("roadCode", "150102R003",
                "number", "503")).bearerAuth(admin)));
    }

    @Test
    void csvImportIsAllOrNothingAndExportsRoundTrip() throws Exception {
        // GIVEN a CSV whose second row names a road that does not exist
        String bad = "road_code,number,postcode\n150102R005,601,010030\nNO-ROAD,602,010030\n";

        // WHEN it is imported, THEN nothing is created and the error names the row
        HttpClientResponseException refused = assertFailure(HttpRequest.POST("/api/v1/doorplates/import", bad)
                .contentType("text/csv").bearerAuth(admin));
        assertEquals(400, refused.getStatus().getCode());
        assertTrue(refused.getResponse().getBody(String.class).orElseThrow().contains("row 2"));
        assertFalse(exportCsv().contains(",150102R005,601,"));

        // WHEN a good CSV is imported twice
        String good = "road_code,number,postcode,latitude,longitude\n150102R005,601,010030,40.85,111.67\n"
                + "150102R005,602,010030,40.851,111.67\n";
        Map<String, Object> first = importPlates(good, "text/csv");
        Map<String, Object> second = importPlates(good, "text/csv");

        // THEN the plates exist once, and both exports carry them
        assertEquals(2, ((Number) first.get("created")).intValue());
        assertEquals(0, ((Number) second.get("created")).intValue());
        String csv = exportCsv();
        assertTrue(csv.startsWith("code,url,road_code,number"));
        assertTrue(csv.contains(",150102R005,601,"));
        HttpResponse<String> export = http.toBlocking().exchange(HttpRequest.GET(
                "/api/v1/doorplates/export.geojson").bearerAuth(crew), String.class);
        assertEquals("application/geo+json", export.header(HttpHeaders.CONTENT_TYPE));
        Map<String, Object> geo = json.readValue(export.body(), Argument.mapOf(String.class, Object.class));
        assertEquals("FeatureCollection", geo.get("type"));
        assertTrue(((List<?>) geo.get("features")).size() >= 200);
    }

    @Test
    void geoJsonImportTakesPointFeatures() {
        String document = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":"
                + "{\"type\":\"Point\",\"coordinates\":[111.69,40.83]},\"properties\":{\"roadCode\":\"150102R003\","
                + "\"number\":\"701\",\"postcode\":\"010020\"}}]}";

        Map<String, Object> result = importPlates(document, "application/geo+json");

        assertEquals(1, ((Number) result.get("created")).intValue());
        assertEquals(400, failure(HttpRequest.POST("/api/v1/doorplates/import", "{\"type\":\"Feature\"}")
                .contentType("application/geo+json").bearerAuth(admin)));
    }

    @Test
    void renameThroughTheApiKeepsTheFormerName() {
        Map<String, Object> road = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/places", Map.of(
                "code", "API-R1", "standardName", "前进路", "pinyin", "Qianjin Lu", "category", "road",
                "divisionCodes", List.of("150102003000"))).bearerAuth(admin),
                Argument.mapOf(String.class, Object.class));
        String code = (String) create(Map.of("roadCode", "API-R1", "number", "1")).get("code");

        Map<String, Object> renamed = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/places/API-R1/rename",
                Map.of("standardName", "和平路", "pinyin", "Heping Lu", "reason", "test")).bearerAuth(admin),
                Argument.mapOf(String.class, Object.class));
        String page = http.toBlocking().retrieve(HttpRequest.GET("/q/" + code), String.class);

        assertEquals("前进路", road.get("standardName"));
        assertEquals("和平路", renamed.get("standardName"));
        assertEquals("前进路", ((Map<?, ?>) ((List<?>) renamed.get("formerNames")).get(0)).get("name"));
        assertTrue(page.contains("曾用名: 前进路"));
        assertTrue(http.toBlocking().retrieve(HttpRequest.GET("/api/v1/places/export.csv").bearerAuth(crew))
                .contains("API-R1,和平路"));
        assertEquals(400, failure(HttpRequest.POST("/api/v1/places", Map.of("code", "bad code!",
                "standardName", "x", "category", "road")).bearerAuth(admin)));
        assertEquals(400, failure(HttpRequest.POST("/api/v1/places", Map.of("code", "API-R2",
                "standardName", "x", "category", "river")).bearerAuth(admin)));
    }

    @Test
    void retireThroughTheApiNeedsAnActiveSuccessor() {
        String old = (String) create(Map.of("roadCode", "150102R006", "number", "801")).get("code");
        String replacement = (String) create(Map.of("roadCode", "150102R006", "number", "801A")).get("code");

        assertEquals(400, failure(HttpRequest.POST("/api/v1/doorplates/" + old + "/retire",
                Map.of("successorCode", old)).bearerAuth(admin)));
        Map<String, Object> retired = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/doorplates/" + old
                + "/retire", Map.of("successorCode", replacement)).bearerAuth(admin),
                Argument.mapOf(String.class, Object.class));

        assertEquals("retired", retired.get("state"));
        assertEquals(409, failure(HttpRequest.POST("/api/v1/doorplates/" + old + "/retire", Map.of())
                .bearerAuth(admin)));
        assertEquals(410, failure(HttpRequest.GET("/q/" + old)));
    }

    @Test
    void printSheetDrawsEveryActivePlateOfTheRoadWithItsQrCode() {
        HttpResponse<String> sheet = http.toBlocking().exchange(HttpRequest.GET("/api/v1/doorplates/sheet?road="
                + "150102L001").bearerAuth(crew), String.class);

        assertTrue(sheet.header(HttpHeaders.CONTENT_TYPE).startsWith("text/html"));
        assertTrue(sheet.body().contains("@page{size:A4"));
        assertTrue(sheet.body().contains("光明巷"));
        assertTrue(sheet.body().contains("GUANGMING XIANG"));
        assertEquals(6, sheet.body().split("<svg ", -1).length - 1);
        assertEquals(404, failure(HttpRequest.GET("/api/v1/doorplates/sheet?road=NOPE").bearerAuth(crew)));
    }

    @Test
    void scansAreCountedInTimeBuckets() {
        // GIVEN a new plate scanned three times
        String code = (String) create(Map.of("roadCode", "150102R001", "number", "901")).get("code");
        for (int i = 0; i < 3; i++) {
            http.toBlocking().exchange(HttpRequest.GET("/q/" + code), String.class);
        }

        // WHEN its counts are asked for in hourly buckets
        // THEN the three scans arrive (written asynchronously) in one bucket
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, Object> counts = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/doorplates/" + code
                    + "/scans?bucket=PT1H").bearerAuth(crew), Argument.mapOf(String.class, Object.class));
            List<?> buckets = (List<?>) counts.get("buckets");
            long total = buckets.stream().mapToLong(b -> ((Number) ((Map<?, ?>) b).get("scans")).longValue()).sum();
            assertEquals(3, total);
        });
        assertEquals(400, failure(HttpRequest.GET("/api/v1/doorplates/" + code + "/scans?bucket=soon")
                .bearerAuth(crew)));
        assertEquals(400, failure(HttpRequest.GET("/api/v1/doorplates/" + code + "/scans?bucket=1s")
                .bearerAuth(crew)));
    }

    private Map<String, Object> create(Map<String, Object> plate) {
        HttpResponse<Map<String, Object>> response = http.toBlocking().exchange(HttpRequest.POST(
                "/api/v1/doorplates", plate).bearerAuth(admin), Argument.mapOf(String.class, Object.class));
        assertEquals(201, response.code());
        return response.body();
    }

    private Map<String, Object> importPlates(String body, String type) {
        return http.toBlocking().retrieve(HttpRequest.POST("/api/v1/doorplates/import", body).contentType(type)
                .bearerAuth(admin), Argument.mapOf(String.class, Object.class));
    }

    private String exportCsv() {
        return http.toBlocking().retrieve(HttpRequest.GET("/api/v1/doorplates/export.csv").bearerAuth(crew));
    }

    private int failure(MutableHttpRequest<?> request) {
        return assertFailure(request).getStatus().getCode();
    }

    private HttpClientResponseException assertFailure(MutableHttpRequest<?> request) {
        try {
            http.toBlocking().exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            return e;
        }
        throw new AssertionError("expected an error status for " + request.getPath());
    }

    private static String zbarimg(Path file) throws Exception {
        Process process = new ProcessBuilder("/usr/bin/zbarimg", "--raw", "-q", file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return output;
    }
}
