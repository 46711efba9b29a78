package org.doorplate.server.security;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * A person who signs in; the password hash never leaves {@link Users}.
 *
 * @param username  lower-case name, 1 to 64 of {@code a-z 0-9 . _ @ -}
 * @param roles     the {@link Roles} held, sorted
 * @param createdAt when the account was created
 */
@Serdeable
public record User(String username, List<String> roles, Instant createdAt) {
}
