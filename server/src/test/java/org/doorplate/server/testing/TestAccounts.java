package org.doorplate.server.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;
import org.doorplate.server.security.User;
import org.doorplate.server.security.Users;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accounts for tests: creates a user with roles through the {@link Users} service (unless it
 * exists with exactly those roles) and signs in through the real {@code POST /login}.
 *
 * <pre>{@code
 * String token = TestAccounts.token(context, "crew-alerts-test", Roles.CREW);
 * client.toBlocking().exchange(HttpRequest.GET("/api/v1/alerts").bearerAuth(token));
 * }</pre>
 * Test classes share one database per JVM, so give each class its own user names.
 */
public final class TestAccounts {
    private TestAccounts() {
    }

    /** The password {@link #token} gives the user. */
    public static String password(String username) {
        return username + "-test-password";
    }

    /** Makes sure the user exists with these roles and answers a bearer token for it. */
    public static String token(ApplicationContext context, String username, String... roles) {
        create(context, username, roles);
        return login(context, username, password(username));
    }

    /** Creates the user unless it exists with exactly these roles. */
    public static User create(ApplicationContext context, String username, String... roles) {
        Users users = context.getBean(Users.class);
        try {
            return users.create(username, password(username), List.of(roles));
        } catch (DoorplateException e) {
            if (e.status() != ErrorStatus.CONFLICT) {
                throw e;
            }
            User existing = users.find(username).orElseThrow();
            if (!Set.copyOf(existing.roles()).equals(Set.of(roles))) {
                throw new IllegalStateException("the test user " + username + " exists with the roles "
                    + existing.roles() + "; pick a user name of your own for other roles");
            }
            return existing;
        }
    }

    /** Signs in through {@code POST /login} and answers the access token. */
    public static String login(ApplicationContext context, String username, String password) {
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        try (HttpClient client = HttpClient.create(server.getURL())) {
            Map<String, Object> answer = client.toBlocking().retrieve(
                HttpRequest.POST("/login", Map.of("username", username, "password", password)),
                Argument.mapOf(String.class, Object.class));
            return (String) answer.get("access_token");
        }
    }
}
