package org.doorplate.sim.provision;

import java.util.Locale;

/** The two kinds of device, named as the server's API names them. */
public enum DeviceKind {
    DOORPLATE,
    MARKER;

    /** The name in the server's JSON and in credential files: {@code doorplate} or {@code marker}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kind named {@code name}, ignoring case.
     *
     * @throws IllegalArgumentException naming the expected values otherwise
     */
    public static DeviceKind parse(String name) {
        for (DeviceKind kind : values()) {
            if (kind.apiName().equalsIgnoreCase(name.strip())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("kind: expected doorplate or marker, found '" + name + "'");
    }
}
