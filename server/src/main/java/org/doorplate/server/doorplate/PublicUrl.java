package org.doorplate.server.doorplate;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** Builds the public addresses printed into QR codes and used in links. */
@Singleton
public class PublicUrl {
    private final String base;

    public PublicUrl(@Value("${doorplate.public-url:`http://localhost:8080`}") String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
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
