package org.doorplate.server.household;

import java.util.Locale;

/** The form in which household data left the server; recorded in every audit row. */
public enum Representation {
    HTML,
    JSON,
    LINKSET,
    API;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
