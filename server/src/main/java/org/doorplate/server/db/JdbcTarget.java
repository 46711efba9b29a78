package org.doorplate.server.db;

import io.micronaut.core.annotation.Nullable;

/**
 * A database to connect to.
 *
 * @param url      the JDBC URL
 * @param user     the user name
 * @param password the password, or null for trust authentication
 */
public record JdbcTarget(String url, String user, @Nullable String password) {
    /** The URL without its query string, which may hold credentials: safe to log. */
    public String loggableUrl() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    @Override
    public String toString() {
        return "JdbcTarget[" + loggableUrl() + " as " + user + "]";
    }
}
