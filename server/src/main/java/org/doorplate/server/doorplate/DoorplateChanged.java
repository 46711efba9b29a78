package org.doorplate.server.doorplate;

/** Published after a committed change to plates; {@code code} is null for bulk changes. */
public record DoorplateChanged(String code) {
}
