package org.doorplate.server.inspection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.doorplate.server.marker.BoundaryRegistry;
import org.doorplate.server.marker.MarkerInput;
import org.doorplate.server.marker.NewBoundaryLine;
import org.doorplate.server.security.Roles;
import org.doorplate.server.testing.TestAccounts;
import org.doorplate.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** Verifies joint inspections over HTTP: conditions, photo uploads and their checks, the report in HTML and CSV. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InspectionTest implements TestPropertyProvider {
    private static final int MAX_PHOTO = 40_000;

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ApplicationContext context;

    private String crew;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("doorplate.inspection.max-photo-bytes", Integer.toString(MAX_PHOTO));
        return properties;
    }

    @BeforeAll
    void givenALineWithAPairAndASingleMarker() {
        crew = TestAccounts.token(context, "crew-inspection-test", Roles.CREW);
        BoundaryRegistry registry = context.getBean(BoundaryRegistry.class);
        registry.createLine(new NewBoundaryLine("1701", "test line", "150105001001", "150104002001",
            List.of(List.of(111.6, 40.8), List.of(111.7, 40.9))));
        registry.createLine(new NewBoundaryLine("1702", "other line", "150105001001", "150104002002",
            List.of(List.of(111.6, 40.8), List.of(111.7, 40.9))));
        registry.importMarkers(List.of(new MarkerInput("1701001A", 40.81, 111.61, 1000, null, "north bank"),
            new MarkerInput("1701001B", 40.8098, 111.6101, 999, null, "south bank"),
            new MarkerInput("1701002Q", 40.85, 111.65, 1010, null, null),
            new MarkerInput("1702001Q", 40.85, 111.65, 1010, null, null)));
    }

    @Test
    void inspectionRecordsConditionsAndPhotosAndExportsItsReport() throws IOException {
        // GIVEN an inspection of line 1701 by both divisions
        long id = open("1701", "2025-05-20");

        // WHEN two markers are recorded, one with a photo
        put(id, "1701001A", "damaged", "base cracked, plate legible");
        put(id, "1701002Q", "restored", "reset upright and re-painted");
        byte[] png = png();
        Map<String, Object> photo = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/inspections/" + id
            + "/markers/1701001A/photos", MultipartBody.builder().addPart("photo", "crack.png",
            MediaType.IMAGE_PNG_TYPE, png).build()).contentType(MediaType.MULTIPART_FORM_DATA_TYPE)
            .bearerAuth(crew), Argument.mapOf(String.class, Object.class));

        // THEN the photo is stored as it was sent
        assertEquals("image/png", photo.get("contentType"));
        byte[] stored = client.toBlocking().retrieve(HttpRequest.GET("/api/v1/inspections/" + id + "/photos/"
            + photo.get("id")).bearerAuth(crew), byte[].class);
        assertArrayEquals(png, stored);

        // AND the printable report shows every marker, the missing one as not inspected, the photo inline
        String html = client.toBlocking().retrieve(HttpRequest.GET("/api/v1/inspections/" + id + "/report.html")
            .bearerAuth(crew));
        assertTrue(html.contains("damaged 损坏") && html.contains("restored 已修复"), html);
        assertTrue(html.contains("not inspected 未检查"), "1701001B was not inspected");
        assertTrue(html.contains("src=\"data:image/png;base64,"), "the photo is embedded");
        assertTrue(html.contains("zhang.san") && html.contains("bao.te"), "both divisions' inspectors");

        // AND the CSV has a row per marker
        String csv = client.toBlocking().retrieve(HttpRequest.GET("/api/v1/inspections/" + id + "/report.csv")
            .bearerAuth(crew));
        List<String> lines = csv.lines().toList();
        assertEquals(4, lines.size(), csv);
        assertTrue(lines.stream().anyMatch(l -> l.contains("1701001B") && l.contains("not_inspected")), csv);
        assertTrue(lines.stream().anyMatch(l -> l.contains("1701001A") && l.contains("damaged") && l.endsWith(",1")),
            csv);
    }

    @Test
    void fileThatIsNotAnImageIsRefusedWhateverItsDeclaredType() {
        long id = open("1701", "2025-06-01");
        put(id, "1701001A", "intact", null);
        byte[] text = "this is not a picture".getBytes(StandardCharsets.UTF_8);
        assertEquals(HttpStatus.BAD_REQUEST, upload(id, "1701001A", "fake.jpg", MediaType.IMAGE_JPEG_TYPE, text));
        byte[] big = new byte[MAX_PHOTO + 1];
        big[0] = (byte) 0xFF;
        big[1] = (byte) 0xD8;
        big[2] = (byte) 0xFF;
        assertEquals(HttpStatus.REQUEST_ENTITY_TOO_LARGE, upload(id, "1701001A", "big.jpg",
            MediaType.IMAGE_JPEG_TYPE, big));
        Map<String, Object> detail = client.toBlocking().retrieve(HttpRequest.GET("/api/v1/inspections/" + id)
            .bearerAuth(crew), Argument.mapOf(String.class, Object.class));
        Map<?, ?> record = (Map<?, ?>) ((List<?>) detail.get("records")).get(0);
        // (Empty lists are left out of the JSON.)
        assertTrue(record.get("photos") == null || ((List<?>) record.get("photos")).isEmpty(), record.toString());
    }

    @Test
    void badRecordsAreRefused() {
        long id = open("1701", "2025-06-02");
        assertEquals(HttpStatus.BAD_REQUEST, status(HttpRequest.PUT("/api/v1/inspections/" + id
            + "/markers/1702001Q", Map.of("condition", "intact")).bearerAuth(crew)));
        assertEquals(HttpStatus.BAD_REQUEST, status(HttpRequest.PUT("/api/v1/inspections/" + id
            + "/markers/1701001A", Map.of("condition", "fine")).bearerAuth(crew)));
        assertEquals(HttpStatus.NOT_FOUND, status(HttpRequest.PUT("/api/v1/inspections/987654/markers/1701001A",
            Map.of("condition", "intact")).bearerAuth(crew)));
        assertEquals(HttpStatus.NOT_FOUND, upload(id, "1701001B", "a.png", MediaType.IMAGE_PNG_TYPE, new byte[] {
            (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}));
        assertEquals(HttpStatus.BAD_REQUEST, status(HttpRequest.POST("/api/v1/inspections", Map.of("lineCode",
            "1701", "date", "20 May", "leftInspectors", List.of("a"), "rightInspectors", List.of("b")))
            .bearerAuth(crew)));
        assertEquals(HttpStatus.BAD_REQUEST, status(HttpRequest.POST("/api/v1/inspections", Map.of("lineCode",
            "1701", "date", "2025-05-20", "leftInspectors", List.of(), "rightInspectors", List.of("b")))
            .bearerAuth(crew)));
        assertEquals(HttpStatus.UNAUTHORIZED, status(HttpRequest.GET("/api/v1/inspections")));
    }

    private long open(String line, String date) {
        Map<String, Object> created = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/inspections",
            Map.of("lineCode", line, "date", date, "leftInspectors", List.of("zhang.san", "li.si"),
                "rightInspectors", List.of("bao.te"), "notes", "spring inspection")).bearerAuth(crew),
            Argument.mapOf(String.class, Object.class));
        return ((Number) created.get("id")).longValue();
    }

    private void put(long id, String marker, String condition, String notes) {
        Map<String, Object> body = new HashMap<>();
        body.put("condition", condition);
        body.put("notes", notes);
        client.toBlocking().exchange(HttpRequest.PUT("/api/v1/inspections/" + id + "/markers/" + marker, body)
            .bearerAuth(crew));
    }

    private HttpStatus upload(long id, String marker, String name, MediaType type, byte[] data) {
        return status(HttpRequest.POST("/api/v1/inspections/" + id + "/markers/" + marker + "/photos",
            MultipartBody.builder().addPart("photo", name, type, data).build())
            .contentType(MediaType.MULTIPART_FORM_DATA_TYPE).bearerAuth(crew));
    }

    private HttpStatus status(HttpRequest<?> request) {
        try {
            return client.toBlocking().exchange(request).getStatus();
        } catch (HttpClientResponseException e) {
            return e.getStatus();
        }
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 32; x++) {
            image.setRGB(x, x % 24, 0xC62828);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
