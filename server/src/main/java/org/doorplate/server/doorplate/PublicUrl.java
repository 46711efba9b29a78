package org.doorplate.server.doorplate;

import jakarta.inject.Singleton;
import org.doorplate.server.config.DoorplateConfiguration;

/** Builds the public addresses printed into QR codes and used in links. */
@Singleton
public class PublicUrl {
    private final String base;

    public PublicUrl(DoorplateConfiguration configuration) {
        String configured = configuration.getPublicUrl();
        this.base = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }

    /** The base URL, without a trailing slash. */
    public String base() {
        return base;
    }

    /** The scan URL of a plate: what its QR code encodes. */
    public String scan(String code) {
        return base + "/q/" + code;
    }

    /** The citizen report form of a plate. */
    public String report(String code) {
        return base + "/q/" + code + "/report";
    }
}
