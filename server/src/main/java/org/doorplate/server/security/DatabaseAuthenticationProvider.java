package org.doorplate.server.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestExecutorAuthenticationProvider;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks {@code POST /login} credentials against the {@code users} table, on the blocking
 * executor (a PBKDF2 check takes a noticeable fraction of a second by design). A wrong name and
 * a wrong password fail alike, so the answer does not tell which one was wrong.
 */
@Singleton
class DatabaseAuthenticationProvider<B> implements HttpRequestExecutorAuthenticationProvider<B> {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseAuthenticationProvider.class);

    private final Users users;

    DatabaseAuthenticationProvider(Users users) {
        this.users = users;
    }

    @Override
    public AuthenticationResponse authenticate(HttpRequest<B> request,
                                               AuthenticationRequest<String, String> credentials) {
        return users.authenticate(credentials.getIdentity(), credentials.getSecret())
            .map(user -> AuthenticationResponse.success(user.username(), user.roles()))
            .orElseGet(() -> {
                LOG.debug("login refused [user: {}]", credentials.getIdentity());
                return AuthenticationResponse.failure("wrong username or password");
            });
    }
}
