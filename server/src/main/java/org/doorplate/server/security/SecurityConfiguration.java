package org.doorplate.server.security;

import io.micronaut.context.annotation.ConfigurationProperties;

/** How passwords are stored ({@code doorplate.security.*}). */
@ConfigurationProperties("doorplate.security")
public class SecurityConfiguration {
    /**
     * OWASP's 2023 guidance for PBKDF2-HMAC-SHA256; each stored hash keeps its own count, so a
     * change applies to passwords set afterwards and old ones still verify.
     */
    private int passwordIterations = 600_000;

    /** PBKDF2 iterations for newly set passwords. */
    public int getPasswordIterations() {
        return passwordIterations;
    }

    public void setPasswordIterations(int passwordIterations) {
        if (passwordIterations < 1) {
            throw new IllegalArgumentException("doorplate.security.password-iterations must be at least 1");
        }
        this.passwordIterations = passwordIterations;
    }
}
