package org.doorplate.server.security;

/** The roles a user can hold; use them in {@code @Secured}. */
public final class Roles {
    /** Manages users, devices and the gazetteer. */
    public static final String ADMIN = "admin";
    /** Community workers and police: may see household data (every access is audited). */
    public static final String OFFICER = "officer";
    /** Maintenance crews: alerts, inspections, read access to devices. */
    public static final String CREW = "crew";

    private Roles() {
    }
}
