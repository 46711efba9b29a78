package org.doorplate.server.household;

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
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.doorplate.server.doorplate.Doorplate;
import org.doorplate.server.doorplate.Doorplates;
import org.doorplate.server.doorplate.PlateInput;
import org.doorplate.server.security.Roles;
import org.doorplate.server.testing.TestAccounts;
import org.doorplate.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Verifies that household data reaches officers and admins only, in every representation of a
 * scan, that each of their views is audited, and that the cached anonymous page never holds it.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class HouseholdAccessTest implements TestPropertyProvider {
    private static final String HEAD = "测试户主甲";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    ApplicationContext context;

    @Inject
    Doorplates doorplates;

    @Inject
    Households households;

    private String officer;
    private String admin;
    private String crew;
    private Doorplate plate;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("doorplate.demo", "true");
        return properties;
    }

    @BeforeAll
    void givenAPlateWithAHouseholdAndThreeStaffAccounts() {
        officer = TestAccounts.token(context, "officer-household-test", Roles.OFFICER);
        admin = TestAccounts.token(context, "admin-household-test", Roles.ADMIN);
        crew = TestAccounts.token(context, "crew-household-test", Roles.CREW);
        plate = doorplates.create(new PlateInput("150102R001", "301", null, null, "010010", "150102003001",
                40.8166, 111.6800, null));
        households.replace(plate.code(), List.of(new Household(null, HEAD, 3, "0471-0000999", "虚构", null)));
    }

    @Test
    void anonymousAndCrewNeverReceiveHouseholdDataInAnyRepresentation() {
        for (String token : new String[] {null, crew, "not-a-token"}) {
            for (String accept : List.of("text/html", "application/json", "application/linkset+json")) {
                // WHEN the plate is scanned without the role
                HttpResponse<String> response = scan(accept, token);

                // THEN nothing of the household is in the answer
                assertEquals(200, response.code());
                assertFalse(response.body().contains(HEAD), accept + " " + token);
                assertFalse(response.body().contains("0471-0000999"), accept + " " + token);
                assertFalse(response.body().contains("households"), accept + " " + token);
            }
        }
    }

    @Test
    void officerSeesTheHouseholdsAndTheViewIsAudited() {
        // GIVEN the audit rows of the plate so far
        int before = audit(plate.code()).size();

        // WHEN an officer opens the page and the JSON
        HttpResponse<String> page = scan("text/html", officer);
        HttpResponse<String> json = scan("application/json", officer);

        // THEN both show the household, are private, and each left an audit row naming the officer
        assertTrue(page.body().contains(HEAD));
        assertTrue(json.body().contains(HEAD));
        assertEquals("private, no-store", page.header(HttpHeaders.CACHE_CONTROL));
        assertEquals("private, no-store", json.header(HttpHeaders.CACHE_CONTROL));
        assertEquals(null, page.header(HttpHeaders.ETAG));
        assertTrue(page.header(HttpHeaders.VARY).contains("Authorization"));
        List<Map<String, Object>> rows = audit(plate.code());
        assertEquals(before + 2, rows.size());
        Map<String, Object> last = rows.get(rows.size() - 1);
        assertEquals("officer-household-test", last.get("username"));
        assertEquals("json", last.get("representation"));
        assertEquals(plate.code(), last.get("plateCode"));
        assertEquals("html", rows.get(rows.size() - 2).get("representation"));
    }

    @Test
    void anonymousPageCachedAroundAnOfficersViewNeverLeaksTheHousehold() {
        // GIVEN the anonymous page is cached, then an officer views the same plate
        String anonymousBefore = scan("text/html", null).body();
        assertTrue(scan("text/html", officer).body().contains(HEAD));

        // WHEN anyone scans it again (served from the cache)
        HttpResponse<String> after = scan("text/html", null);

        // THEN it is the same anonymous page, still without household data
        assertEquals(anonymousBefore, after.body());
        assertFalse(after.body().contains(HEAD));
        assertTrue(after.header(HttpHeaders.CACHE_CONTROL).startsWith("public"));
    }

    @Test
    void householdApiIsForOfficersAndAdminsOnlyAndAudited() {
        int before = audit(plate.code()).size();

        List<Map<String, Object>> found = http.toBlocking().retrieve(
                HttpRequest.GET("/api/v1/doorplates/" + plate.code() + "/households").bearerAuth(admin),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
        HttpClientResponseException forbidden = expectFailure(
                HttpRequest.GET("/api/v1/doorplates/" + plate.code() + "/households").bearerAuth(crew));
        HttpClientResponseException anonymous = expectFailure(
                HttpRequest.GET("/api/v1/doorplates/" + plate.code() + "/households"));

        assertEquals(HEAD, found.get(0).get("headName"));
        assertEquals(403, forbidden.getStatus().getCode());
        assertEquals(401, anonymous.getStatus().getCode());
        List<Map<String, Object>> rows = audit(plate.code());
        assertEquals(before + 1, rows.size());
        assertEquals("api", rows.get(rows.size() - 1).get("representation"));
    }

    @Test
    void auditLogIsForAdminsAndFiltersByTime() {
        scan("text/html", officer);
        String future = Instant.now().plusSeconds(3600).toString();

        List<Map<String, Object>> none = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/audit?plate="
                + plate.code() + "&from=" + future).bearerAuth(admin),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
        HttpClientResponseException officerAsks = expectFailure(HttpRequest.GET("/api/v1/audit").bearerAuth(officer));
        HttpClientResponseException badTime = expectFailure(HttpRequest.GET("/api/v1/audit?from=yesterday")
                .bearerAuth(admin));

        assertTrue(none.isEmpty());
        assertFalse(audit(plate.code()).isEmpty());
        assertEquals(403, officerAsks.getStatus().getCode());
        assertEquals(400, badTime.getStatus().getCode());
    }

    @Test
    void invalidHouseholdsAreRefusedAndNothingChanges() {
        HttpClientResponseException e = expectFailure(HttpRequest.PUT("/api/v1/doorplates/" + plate.code()
                + "/households", List.of(Map.of("headName", "x".repeat(51), "members", 2))).bearerAuth(officer));

        assertEquals(400, e.getStatus().getCode());
        assertTrue(scan("text/html", officer).body().contains(HEAD));
    }

    private HttpResponse<String> scan(String accept, String token) {
        MutableHttpRequest<?> request = HttpRequest.GET("/q/" + plate.code()).accept(accept);
        if (token != null) {
            request.bearerAuth(token);
        }
        return http.toBlocking().exchange(request, String.class);
    }

    private List<Map<String, Object>> audit(String code) {
        return http.toBlocking().retrieve(HttpRequest.GET("/api/v1/audit?plate=" + code).bearerAuth(admin),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
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
