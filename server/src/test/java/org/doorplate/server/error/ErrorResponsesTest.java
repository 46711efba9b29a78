package org.doorplate.server.error;

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
import org.doorplate.server.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verifies that every failure answers JSON {@code {"error","message"}} with the mapped status. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class ErrorResponsesTest implements TestPropertyProvider {
    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("doorplate.test.failing-routes", "true");
        return properties;
    }

    @Test
    void everyErrorStatusAnswersItsHttpStatusAndCode() {
        for (ErrorStatus status : ErrorStatus.values()) {
            // WHEN a route throws a DoorplateException with this status
            HttpResponse<?> response = fail(HttpRequest.GET("/test/errors/" + status.name()));

            // THEN the answer carries its HTTP status, code word and message
            assertEquals(status.httpStatus(), response.status(), status.name());
            ErrorBody body = response.getBody(ErrorBody.class).orElseThrow();
            assertEquals(status.code(), body.error());
            if (status != ErrorStatus.RATE_LIMITED) {
                assertEquals("failed with " + status.code(), body.message());
            }
        }
    }

    @Test
    void rateLimitedAnswerSaysWhenToRetry() {
        HttpResponse<?> response = fail(HttpRequest.GET("/test/errors/RATE_LIMITED"));

        assertEquals(HttpStatus.TOO_MANY_REQUESTS, response.status());
        assertEquals("30", response.header("Retry-After"));
        assertEquals("slow down", response.getBody(ErrorBody.class).orElseThrow().message());
    }

    @Test
    void malformedJsonIsBadRequestSayingWhere() {
        // WHEN the body is not JSON at all
        HttpResponse<?> response = fail(HttpRequest.POST("/test/errors/things", "{name: nope")
            .contentType(MediaType.APPLICATION_JSON_TYPE));

        // THEN 400 saying where the JSON breaks, without the framework's wrapping
        assertEquals(HttpStatus.BAD_REQUEST, response.status());
        ErrorBody body = response.getBody(ErrorBody.class).orElseThrow();
        assertEquals("bad_request", body.error());
        assertTrue(body.message().startsWith("the request body is not valid JSON: "), body.message());
        assertTrue(body.message().contains("line 1"), body.message());
        assertFalse(body.message().contains("Source"), body.message());
    }

    @Test
    void jsonOfTheWrongShapeIsBadRequest() {
        HttpResponse<?> response = fail(HttpRequest.POST("/test/errors/things", "{\"name\": [1, 2]}")
            .contentType(MediaType.APPLICATION_JSON_TYPE));

        assertEquals(HttpStatus.BAD_REQUEST, response.status());
        String message = response.getBody(ErrorBody.class).orElseThrow().message();
        assertTrue(message.startsWith("the request body is not valid JSON: "), message);
        assertFalse(message.contains("Failed to convert argument"), message);
    }

    @Test
    void failedValidationIsBadRequestNamingTheField() {
        HttpResponse<?> response = fail(HttpRequest.POST("/test/errors/things", Map.of("name", "UPPER")));

        assertEquals(HttpStatus.BAD_REQUEST, response.status());
        ErrorBody body = response.getBody(ErrorBody.class).orElseThrow();
        assertEquals("bad_request", body.error());
        assertTrue(body.message().contains("name"), body.message());
        assertTrue(body.message().contains("must match"), body.message());
    }

    @Test
    void unconvertibleParameterIsBadRequest() {
        HttpResponse<?> response = fail(HttpRequest.GET("/test/errors/count?value=many"));

        assertEquals(HttpStatus.BAD_REQUEST, response.status());
        assertEquals("bad_request", response.getBody(ErrorBody.class).orElseThrow().error());
    }

    @Test
    void unknownPathIsNotFoundAndWrongMethodNotAllowed() {
        assertEquals(HttpStatus.NOT_FOUND, fail(HttpRequest.GET("/test/no-such-path")).status());
        assertEquals("not_found", fail(HttpRequest.GET("/test/no-such-path")).getBody(ErrorBody.class)
            .orElseThrow().error());
        assertEquals(HttpStatus.METHOD_NOT_ALLOWED, fail(HttpRequest.DELETE("/test/errors/count")).status());
    }

    @Test
    void unexpectedFailureHidesItsInternals() {
        HttpResponse<?> response = fail(HttpRequest.GET("/test/errors/internal"));

        assertEquals(HttpStatus.INTERNAL_SERVER_ERROR, response.status());
        ErrorBody body = response.getBody(ErrorBody.class).orElseThrow();
        assertEquals("internal_server_error", body.error());
        assertFalse(body.message().contains("secret"), body.message());
    }

    private HttpResponse<?> fail(HttpRequest<?> request) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
            () -> client.toBlocking().exchange(request, Argument.STRING, Argument.of(ErrorBody.class)));
        return e.getResponse();
    }
}
