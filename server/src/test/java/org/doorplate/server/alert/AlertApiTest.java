package org.doorplate.server.alert;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.sse.SseClient;
import io.micronaut.http.sse.Event;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.doorplate.server.security.Roles;
import org.doorplate.server.testing.TestAccounts;
import org.doorplate.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/** Verifies the alert HTTP API: listing, acknowledge and resolve with their errors, roles, and the SSE stream. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AlertApiTest implements TestPropertyProvider {
    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    @Client("/")
    SseClient sse;

    @Inject
    ApplicationContext context;

    @Inject
    Alerts alerts;

    private String crew;
    private String officer;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("doorplate.mqtt.url", "tcp://127.0.0.1:1883");
        properties.put("doorplate.mqtt.client-id", "alert-api-test-" + UUID.randomUUID());
        return properties;
    }

    @BeforeAll
    void signIn() {
        crew = TestAccounts.token(context, "crew-alert-api-test", Roles.CREW);
        officer = TestAccounts.token(context, "officer-alert-api-test", Roles.OFFICER);
    }

    @Test
    void openAlertIsListedAcknowledgedAndResolvedOverHttp() {
        // GIVEN an open alert
        Alert alert = givenAlert("tilted");

        // WHEN a crew lists the open alerts THEN it is there
        assertTrue(list("state=open").stream().anyMatch(a -> a.id() == alert.id()));

        // WHEN the crew acknowledges it THEN it leaves the open list and shows who took it
        Alert acknowledged = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/alerts/" + alert.id() + "/ack",
            "").bearerAuth(crew), Alert.class);
        assertEquals(AlertState.ACKNOWLEDGED, acknowledged.state());
        assertEquals("crew-alert-api-test", acknowledged.acknowledgedBy());
        assertTrue(list("state=open").stream().noneMatch(a -> a.id() == alert.id()));
        assertTrue(list("state=acknowledged").stream().anyMatch(a -> a.id() == alert.id()));

        // WHEN it is resolved THEN acknowledging or resolving again is a conflict
        client.toBlocking().exchange(HttpRequest.POST("/api/v1/alerts/" + alert.id() + "/resolve", "")
            .bearerAuth(crew));
        assertEquals(HttpStatus.CONFLICT, status(HttpRequest.POST("/api/v1/alerts/" + alert.id() + "/ack", "")
            .bearerAuth(crew)));
        assertEquals(HttpStatus.CONFLICT, status(HttpRequest.POST("/api/v1/alerts/" + alert.id() + "/resolve", "")
            .bearerAuth(crew)));
        assertTrue(list("state=resolved&subject=" + alert.subjectId()).stream().anyMatch(a -> a.id() == alert.id()));
    }

    @Test
    void unknownAlertIsNotFoundAndBadParametersAreBadRequests() {
        assertEquals(HttpStatus.NOT_FOUND, status(HttpRequest.POST("/api/v1/alerts/987654321/ack", "")
            .bearerAuth(crew)));
        assertEquals(HttpStatus.BAD_REQUEST, status(HttpRequest.POST("/api/v1/alerts/abc/ack", "")
            .bearerAuth(crew)));
        assertEquals(HttpStatus.BAD_REQUEST, status(HttpRequest.GET("/api/v1/alerts?state=closed")
            .bearerAuth(crew)));
        assertEquals(HttpStatus.BAD_REQUEST, status(HttpRequest.GET("/api/v1/alerts?limit=0").bearerAuth(crew)));
    }

    @Test
    void onlyCrewsAndAdminsMayUseTheAlertApi() {
        Alert alert = givenAlert("tamper");
        assertEquals(HttpStatus.UNAUTHORIZED, status(HttpRequest.GET("/api/v1/alerts")));
        assertEquals(HttpStatus.FORBIDDEN, status(HttpRequest.GET("/api/v1/alerts").bearerAuth(officer)));
        assertEquals(HttpStatus.FORBIDDEN, status(HttpRequest.POST("/api/v1/alerts/" + alert.id() + "/ack", "")
            .bearerAuth(officer)));
        assertEquals(AlertState.OPEN, list("subject=" + alert.subjectId()).get(0).state());
    }

    @Test
    void alertDetailCarriesItsHistory() {
        Alert alert = givenAlert("low_battery");
        client.toBlocking().exchange(HttpRequest.POST("/api/v1/alerts/" + alert.id() + "/ack", "").bearerAuth(crew));
        Map<String, Object> detail = client.toBlocking().retrieve(HttpRequest.GET("/api/v1/alerts/" + alert.id())
            .bearerAuth(crew), Argument.mapOf(String.class, Object.class));
        assertEquals(2, ((List<?>) detail.get("history")).size());
    }

    @Test
    void streamDeliversANewAlertAsAServerSentEvent() {
        // GIVEN a crew connected to the event stream
        List<Event<String>> events = new CopyOnWriteArrayList<>();
        Disposable connection = Flux.from(sse.eventStream(HttpRequest.GET("/api/v1/alerts/stream")
            .bearerAuth(crew), String.class)).subscribe(events::add);
        try {
            // WHEN an alert is raised (after the stream is open: wait until a first one arrives)
            String subject = "dev-" + UUID.randomUUID().toString().substring(0, 8);
            await().atMost(10, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS).until(() -> {
                alerts.raise(new AlertRequest(subject, "tamper", Severity.HIGH, "150102001001", "tamper open",
                    Instant.now()));
                return events.stream().anyMatch(e -> e.getData().contains(subject));
            });

            // THEN it arrives once, named opened, with the event id as the SSE id
            Event<String> opened = events.stream().filter(e -> e.getData().contains(subject)).findFirst()
                .orElseThrow();
            assertEquals("opened", opened.getName());
            assertTrue(Long.parseLong(opened.getId()) > 0);
            assertEquals(1, events.stream().filter(e -> e.getData().contains(subject)).count());
        } finally {
            connection.dispose();
        }
    }

    private Alert givenAlert(String fault) {
        return alerts.raise(new AlertRequest("dev-" + UUID.randomUUID().toString().substring(0, 8), fault,
            Severity.MEDIUM, "150102001001", fault + " seen", Instant.now()));
    }

    private List<Alert> list(String query) {
        return client.toBlocking().retrieve(HttpRequest.GET("/api/v1/alerts?" + query).bearerAuth(crew),
            Argument.listOf(Alert.class));
    }

    private HttpStatus status(HttpRequest<?> request) {
        try {
            return client.toBlocking().exchange(request).getStatus();
        } catch (HttpClientResponseException e) {
            return e.getStatus();
        }
    }
}
