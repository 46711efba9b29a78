package org.doorplate.server.db;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * Where the server's PostgreSQL is ({@code doorplate.db.*}, {@code DOORPLATE_DB_URL} and
 * friends). Without a URL the server starts an embedded PostgreSQL under the data directory.
 */
@ConfigurationProperties("doorplate.db")
public class DatabaseConfiguration {
    @Nullable
    private String url;
    private String user = "postgres";
    @Nullable
    private String password;
    private int poolSize = 10;
    private Duration connectionTimeout = Duration.ofSeconds(5);

    /** JDBC URL of PostgreSQL or TimescaleDB; unset starts the embedded PostgreSQL. */
    @Nullable
    public String getUrl() {
        return url == null || url.isBlank() ? null : url;
    }

    public void setUrl(@Nullable String url) {
        this.url = url;
    }

    /** Database user. */
    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    /** Database password; may be empty for trust authentication. */
    @Nullable
    public String getPassword() {
        return password;
    }

    public void setPassword(@Nullable String password) {
        this.password = password;
    }

    /** Largest number of pooled connections. */
    public int getPoolSize() {
        return poolSize;
    }

    public void setPoolSize(int poolSize) {
        this.poolSize = poolSize;
    }

    /** How long a caller waits for a pooled connection before failing. */
    public Duration getConnectionTimeout() {
        return connectionTimeout;
    }

    public void setConnectionTimeout(Duration connectionTimeout) {
        this.connectionTimeout = connectionTimeout;
    }
}
