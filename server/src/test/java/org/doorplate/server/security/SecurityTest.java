package org.doorplate.server.security;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.doorplate.server.error.ErrorBody;
import org.doorplate.server.testing.TestAccounts;
import org.doorplate.server.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verifies sign-in, the admin account from its variable, role checks and the user API. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class SecurityTest implements TestPropertyProvider {
    private static final String ADMIN_PASSWORD = "first-admin-password";
    /** A database of its own: whichever test first sets an admin password in a shared one wins. */
    private static final Map<String, String> DATABASE = TestDatabase.isolatedProperties();

    @Inject
    ApplicationContext context;

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(DATABASE);
        properties.put("doorplate.admin-password", ADMIN_PASSWORD);
        return properties;
    }

    @Test
    void adminIsCreatedFromThePasswordAndSignsIn() {
        // GIVEN a first start with DOORPLATE_ADMIN_PASSWORD set
        // WHEN admin signs in with it
        HttpResponse<Map<String, Object>> response = client.toBlocking().exchange(
            HttpRequest.POST("/login", Map.of("username", "admin", "password", ADMIN_PASSWORD)),
            Argument.mapOf(String.class, Object.class));

        // THEN a bearer token comes back for an admin
        assertEquals(HttpStatus.OK, response.status());
        assertNotNull(response.body().get("access_token"));
        assertEquals(List.of(Roles.ADMIN), response.body().get("roles"));
    }

    @Test
    void wrongPasswordAndUnknownUserFailAlike() {
        // GIVEN an existing account
        TestAccounts.create(context, "security-test-crew", Roles.CREW);

        // WHEN one login has a wrong password and another an unknown name
        HttpResponse<?> wrongPassword = failLogin("security-test-crew", "not-the-password");
        HttpResponse<?> unknownUser = failLogin("security-test-nobody", "not-the-password");

        // THEN both are 401 with the same body, which does not say which part was wrong
        assertEquals(HttpStatus.UNAUTHORIZED, wrongPassword.status());
        assertEquals(HttpStatus.UNAUTHORIZED, unknownUser.status());
        assertEquals(wrongPassword.getBody(String.class), unknownUser.getBody(String.class));
    }

    @Test
    void apiAnswers401WithoutTokenAnd403ForTheWrongRole() {
        String crew = TestAccounts.token(context, "security-test-crew", Roles.CREW);

        assertEquals(HttpStatus.UNAUTHORIZED, failGet("/api/v1/users", null).status());
        assertEquals(HttpStatus.FORBIDDEN, failGet("/api/v1/users", crew).status());
        assertEquals(HttpStatus.UNAUTHORIZED, failGet("/api/v1/users", crew + "tampered").status());
    }

    @Test
    void adminCreatesAndListsUsers() {
        // GIVEN an admin token
        String admin = TestAccounts.token(context, "security-test-admin", Roles.ADMIN);

        // WHEN the admin creates an officer
        HttpResponse<User> created = client.toBlocking().exchange(HttpRequest.POST("/api/v1/users",
            Map.of("username", "Officer.Li", "password", "officer-password", "roles", List.of("officer")))
            .bearerAuth(admin), User.class);

        // THEN it is stored under its lower-case name, listed, and can sign in
        assertEquals(HttpStatus.CREATED, created.status());
        assertEquals("officer.li", created.body().username());
        List<User> users = client.toBlocking().retrieve(HttpRequest.GET("/api/v1/users").bearerAuth(admin),
            Argument.listOf(User.class));
        assertTrue(users.stream().anyMatch(user -> user.username().equals("officer.li")
            && user.roles().equals(List.of(Roles.OFFICER))));
        assertNotNull(TestAccounts.login(context, "officer.li", "officer-password"));
    }

    @Test
    void badOrDuplicateUsersAreRejectedAndNothingIsStored() {
        String admin = TestAccounts.token(context, "security-test-admin", Roles.ADMIN);
        Users users = context.getBean(Users.class);

        HttpResponse<?> badRole = failPost(admin, Map.of("username", "bad-role", "password", "long-enough-1",
            "roles", List.of("superuser")));
        HttpResponse<?> shortPassword = failPost(admin, Map.of("username", "short-pw", "password", "short",
            "roles", List.of("crew")));
        HttpResponse<?> badName = failPost(admin, Map.of("username", "has space", "password", "long-enough-1",
            "roles", List.of("crew")));
        HttpResponse<?> duplicate = failPost(admin, Map.of("username", "security-test-admin",
            "password", "long-enough-1", "roles", List.of("crew")));

        assertEquals(HttpStatus.BAD_REQUEST, badRole.status());
        assertTrue(badRole.getBody(ErrorBody.class).orElseThrow().message().contains("superuser"));
        assertEquals(HttpStatus.BAD_REQUEST, shortPassword.status());
        assertEquals(HttpStatus.BAD_REQUEST, badName.status());
        assertEquals(HttpStatus.CONFLICT, duplicate.status());
        assertFalse(users.find("bad-role").isPresent());
        assertFalse(users.find("short-pw").isPresent());
        assertEquals(List.of(Roles.ADMIN), users.find("security-test-admin").orElseThrow().roles());
    }

    @Test
    void healthDetailsAreShownToAdminsOnly() {
        String admin = TestAccounts.token(context, "security-test-admin", Roles.ADMIN);
        String crew = TestAccounts.token(context, "security-test-crew", Roles.CREW);

        Map<String, Object> anonymous = health(null);
        Map<String, Object> forCrew = health(crew);
        Map<String, Object> forAdmin = health(admin);

        assertEquals("UP", anonymous.get("status"));
        assertFalse(anonymous.containsKey("details"));
        assertFalse(forCrew.containsKey("details"));
        assertTrue(forAdmin.get("details").toString().contains("database"), forAdmin.toString());
    }

    @Test
    void anotherInstanceWithTheSameMasterKeyAcceptsTheTokenAndKeepsTheAdmin() {
        // GIVEN a token from this instance
        String admin = TestAccounts.token(context, "security-test-admin", Roles.ADMIN);

        // WHEN a second instance starts with the same master key but another admin password
        Map<String, Object> same = new HashMap<>(getProperties());
        same.put("doorplate.admin-password", "another-admin-password");
        try (ApplicationContext second = ApplicationContext.run(EmbeddedServer.class, same, "test")
            .getApplicationContext();
             HttpClient secondClient = HttpClient.create(second.getBean(EmbeddedServer.class).getURL())) {
            // THEN it accepts the token, and the first admin password still holds
            assertEquals(HttpStatus.OK, secondClient.toBlocking().exchange(
                HttpRequest.GET("/api/v1/users").bearerAuth(admin)).status());
            assertNotNull(TestAccounts.login(second, "admin", ADMIN_PASSWORD));
        }

        // AND an instance with another master key refuses it
        Map<String, Object> other = new HashMap<>(getProperties());
        other.put("doorplate.master-key", "ff".repeat(32));
        try (ApplicationContext third = ApplicationContext.run(EmbeddedServer.class, other, "test")
            .getApplicationContext();
             HttpClient thirdClient = HttpClient.create(third.getBean(EmbeddedServer.class).getURL())) {
            HttpClientResponseException refused = assertThrows(HttpClientResponseException.class,
                () -> thirdClient.toBlocking().exchange(HttpRequest.GET("/api/v1/users").bearerAuth(admin)));
            assertEquals(HttpStatus.UNAUTHORIZED, refused.getStatus());
        }
    }

    private Map<String, Object> health(String token) {
        HttpRequest<?> request = token == null ? HttpRequest.GET("/health")
            : HttpRequest.GET("/health").bearerAuth(token);
        return client.toBlocking().retrieve(request, Argument.mapOf(String.class, Object.class));
    }

    private HttpResponse<?> failLogin(String username, String password) {
        return fail(HttpRequest.POST("/login", Map.of("username", username, "password", password)));
    }

    private HttpResponse<?> failGet(String path, String token) {
        return fail(token == null ? HttpRequest.GET(path) : HttpRequest.GET(path).bearerAuth(token));
    }

    private HttpResponse<?> failPost(String token, Map<String, Object> body) {
        return fail(HttpRequest.POST("/api/v1/users", body).bearerAuth(token));
    }

    private HttpResponse<?> fail(HttpRequest<?> request) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
            () -> client.toBlocking().exchange(request, Argument.STRING, Argument.STRING));
        return e.getResponse();
    }
}
