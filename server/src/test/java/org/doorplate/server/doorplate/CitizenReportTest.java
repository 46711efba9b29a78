package org.doorplate.server.doorplate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.doorplate.server.security.Roles;
import org.doorplate.server.testing.TestAccounts;
import org.doorplate.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Verifies citizen reports: the plain form and JSON, validation of hostile input, rate limits
 * per client and per plate, and the crews' list.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class CitizenReportTest implements TestPropertyProvider {
    /** The clock of this class's context, moved by hand to refill the rate limits. */
    static final RateLimiterTest.MutableClock CLOCK = new RateLimiterTest.MutableClock();

    private final RateLimiterTest.MutableClock clock = CLOCK;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    ApplicationContext context;

    @Inject
    Doorplates doorplates;

    private String crew;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("doorplate.demo", "true");
        properties.put("doorplate.reports.per-client", "3");
        properties.put("doorplate.reports.per-plate", "2");
        properties.put("doorplate.test.clock", "citizen-report");
        return properties;
    }

    /** Puts {@link #CLOCK} in place of the system clock, for this class's context only. */
    @Factory
    @Requires(property = "doorplate.test.clock", value = "citizen-report")
    static class ManualClock {
        @Singleton
        @Replaces(Clock.class)
        Clock clock() {
            return CLOCK;
        }
    }

    @BeforeAll
    void givenACrewAccount() {
        crew = TestAccounts.token(context, "crew-report-test", Roles.CREW);
    }

    @BeforeEach
    void givenFullRateLimits() {
        clock.advance(Duration.ofDays(1));
    }

    @Test
    void formReportAnswersWithAThankYouPageAndBecomesAWorkItem() {
        // GIVEN a plate and the form fields the scan page posts
        Doorplate plate = newPlate("401");
        Map<String, String> form = Map.of("category", "damaged", "description", "门牌被撞弯了", "lang", "zh");

        // WHEN the form is sent without an account
        HttpResponse<String> response = http.toBlocking().exchange(HttpRequest.POST("/q/" + plate.code()
                + "/report", form).contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE), String.class);

        // THEN a small page thanks the citizen and the crews see one open report
        assertEquals(200, response.code());
        assertTrue(response.body().contains("感谢您的反馈"));
        assertTrue(response.body().length() < 5000);
        List<Map<String, Object>> open = reports(plate.code());
        assertEquals(1, open.size());
        assertEquals("damaged", open.get(0).get("category"));
        assertEquals("门牌被撞弯了", open.get(0).get("description"));
    }

    @Test
    void jsonReportIsCreatedAndTheCrewCanCloseIt() {
        Doorplate plate = newPlate("402");

        HttpResponse<Map<String, Object>> created = http.toBlocking().exchange(HttpRequest.POST("/q/"
                + plate.code() + "/report", Map.of("category", "unreadable", "contact", "13800000000")),
                Argument.mapOf(String.class, Object.class));
        Number id = (Number) created.body().get("id");
        Map<String, Object> closed = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/reports/" + id
                + "/close", "").bearerAuth(crew), Argument.mapOf(String.class, Object.class));

        assertEquals(201, created.code());
        assertEquals("closed", closed.get("state"));
        assertNotNull(closed.get("closedAt"));
        assertTrue(reports(plate.code()).isEmpty());
    }

    @Test
    void reportRaisesOneLowAlertPerPlateThatClearsWhenTheLastReportCloses() {
        // GIVEN two reports about one plate
        Doorplate plate = newPlate("408");
        Number first = (Number) http.toBlocking().retrieve(HttpRequest.POST("/q/" + plate.code() + "/report",
                Map.of("category", "damaged")), Argument.mapOf(String.class, Object.class)).get("id");
        Number second = (Number) http.toBlocking().retrieve(HttpRequest.POST("/q/" + plate.code() + "/report",
                Map.of("category", "missing")), Argument.mapOf(String.class, Object.class)).get("id");

        // THEN the crews have one live LOW alert about the plate, in its community
        List<Map<String, Object>> alerts = alerts(plate.code());
        assertEquals(1, alerts.size());
        assertEquals("citizen_report", alerts.get(0).get("faultType"));
        assertEquals("low", alerts.get(0).get("severity"));
        assertEquals("150102001002", alerts.get(0).get("areaCode"));

        // WHEN both reports are closed, THEN the alert is cleared
        http.toBlocking().exchange(HttpRequest.POST("/api/v1/reports/" + first + "/close", "").bearerAuth(crew));
        assertEquals(1, alerts(plate.code()).size());
        http.toBlocking().exchange(HttpRequest.POST("/api/v1/reports/" + second + "/close", "").bearerAuth(crew));
        assertTrue(alerts(plate.code()).isEmpty());
    }

    @Test
    void hostileOrInvalidReportsAreRefusedAndNothingIsStored() throws SQLException {
        Doorplate plate = newPlate("403");
        List<Map<String, String>> refused = List.of(
                Map.of("category", "bomb"),
                Map.of("description", "no category"),
                Map.of("category", "other", "description", "x".repeat(501)),
                Map.of("category", "other", "description", "<script>alert(1)</script>"),
                Map.of("category", "other", "description", "bell\u0007"),
                Map.of("category", "other", "contact", "javascript:alert(1)"));

        for (Map<String, String> form : refused) {
            // WHEN each is posted, as a form and as JSON
            HttpClientResponseException asForm = expectFailure(HttpRequest.POST("/q/" + plate.code() + "/report",
                    form).contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE));
            HttpClientResponseException asJson = expectFailure(HttpRequest.POST("/q/" + plate.code() + "/report",
                    form));

            // THEN each is a clear 400 (a page for the form, a JSON error otherwise)
            assertEquals(400, asForm.getStatus().getCode(), form.toString());
            assertTrue(asForm.getResponse().getBody(String.class).orElseThrow().contains("无法提交"));
            assertEquals(400, asJson.getStatus().getCode(), form.toString());
            assertTrue(asJson.getResponse().getBody(String.class).orElseThrow().contains("bad_request"));
        }

        // AND nothing was stored for the plate
        assertEquals(0, storedReports(plate.code()));
    }

    @Test
    void sqlInReportTextIsStoredAsPlainText() throws SQLException {
        Doorplate plate = newPlate("404");
        String text = "'); DROP TABLE citizen_reports; --";

        http.toBlocking().exchange(HttpRequest.POST("/q/" + plate.code() + "/report",
                Map.of("category", "other", "description", text)));

        assertEquals(1, storedReports(plate.code()));
        assertEquals(text, reports(plate.code()).get(0).get("description"));
    }

    @Test
    void reportsForUnknownMalformedOrRetiredPlatesAreRefused() {
        Doorplate retired = newPlate("405");
        doorplates.retire(retired.code(), null);
        Map<String, String> report = Map.of("category", "missing");

        assertEquals(404, expectFailure(HttpRequest.POST("/q/AAAAAAAAAAAAA/report", report)).getStatus().getCode());
        assertEquals(400, expectFailure(HttpRequest.POST("/q/short/report", report)).getStatus().getCode());
        assertEquals(410, expectFailure(HttpRequest.POST("/q/" + retired.code() + "/report", report))
                .getStatus().getCode());
    }

    @Test
    void floodsAreAnswered429WithRetryAfterPerPlateAndPerClient() throws SQLException {
        // GIVEN limits of 2 reports per plate and 3 per client
        Doorplate first = newPlate("406");
        Doorplate second = newPlate("407");
        Map<String, String> report = Map.of("category", "other");

        // WHEN one client sends three reports about one plate
        post(first, report);
        post(first, report);
        HttpClientResponseException plateLimit = expectFailure(HttpRequest.POST("/q/" + first.code()
                + "/report", report));

        // THEN the third is refused for the plate, with a time to wait, and not stored
        assertEquals(429, plateLimit.getStatus().getCode());
        assertTrue(Long.parseLong(plateLimit.getResponse().header(HttpHeaders.RETRY_AFTER)) > 0);
        assertEquals(2, storedReports(first.code()));

        // WHEN the same client goes on with another plate
        post(second, report);
        HttpClientResponseException clientLimit = expectFailure(HttpRequest.POST("/q/" + second.code()
                + "/report", report).contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE));

        // THEN its fourth report is refused for the client (as a page, since it came from the form)
        assertEquals(429, clientLimit.getStatus().getCode());
        assertNotNull(clientLimit.getResponse().header(HttpHeaders.RETRY_AFTER));
        assertTrue(clientLimit.getResponse().getBody(String.class).orElseThrow().contains("too many reports"));
        assertEquals(1, storedReports(second.code()));

        // AND once the window has passed the client is admitted again
        clock.advance(Duration.ofHours(1));
        post(second, report);
        assertEquals(2, storedReports(second.code()));
    }

    private void post(Doorplate plate, Map<String, String> report) {
        assertEquals(201, http.toBlocking().exchange(HttpRequest.POST("/q/" + plate.code() + "/report", report))
                .code());
    }

    private Doorplate newPlate(String number) {
        return doorplates.create(new PlateInput("150102R002", number, null, null, "010020", "150102001002",
                40.8351, 111.6990, null));
    }

    private List<Map<String, Object>> reports(String code) {
        return http.toBlocking().retrieve(HttpRequest.GET("/api/v1/reports?plate=" + code).bearerAuth(crew),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    private List<Map<String, Object>> alerts(String code) {
        return http.toBlocking().retrieve(HttpRequest.GET("/api/v1/alerts?state=live&subject=" + code)
                .bearerAuth(crew), Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    private static int storedReports(String code) throws SQLException {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM citizen_reports WHERE plate_code = '" + code + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private HttpClientResponseException expectFailure(MutableHttpRequest<?> request) {
        try {
            http.toBlocking().exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            return e;
        }
        throw new AssertionError("expected an error status for " + request.getPath());
    }
}
