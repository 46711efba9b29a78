package org.doorplate.server.doorplate;

import io.micronaut.core.annotation.Nullable;
import java.util.Locale;

/**
 * Picks the representation of a scan from the {@code Accept} header (RFC 9110 section 12.5.1):
 * the HTML page, the JSON document or the link set (RFC 9264), as a GS1 Digital Link resolver
 * does. The most specific matching range sets a type's quality; ties go to HTML.
 */
public final class Negotiation {
    /** The media type of a link set in JSON (RFC 9264 section 4.2). */
    public static final String LINKSET_JSON = "application/linkset+json";

    /** The representations of a scanned code. */
    public enum Kind {
        HTML("text/html"),
        JSON("application/json"),
        LINKSET(LINKSET_JSON);

        private final String mediaType;

        Kind(String mediaType) {
            this.mediaType = mediaType;
        }

        public String mediaType() {
            return mediaType;
        }
    }

    private Negotiation() {
    }

    /** The representation an {@code Accept} header asks for; HTML when it is absent. */
    public static Kind choose(@Nullable String accept) {
        if (accept == null || accept.isBlank() || accept.length() > 1024) {
            return Kind.HTML;
        }
        Kind best = Kind.HTML;
        double bestQuality = -1;
        for (Kind kind : Kind.values()) {
            double q = qualityOf(kind.mediaType(), accept);
            if (q > bestQuality) {
                best = kind;
                bestQuality = q;
            }
        }
        return bestQuality <= 0 ? Kind.HTML : best;
    }

    /** The q parameter among a range's parameters; 1 when absent, 0 when unreadable. */
    static double quality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].trim();
            if (parameter.startsWith("q=") || parameter.startsWith("Q=")) {
                try {
                    double q = Double.parseDouble(parameter.substring(2).trim());
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    private static double qualityOf(String mediaType, String accept) {
        String type = mediaType.substring(0, mediaType.indexOf('/'));
        int bestSpecificity = -1;
        double quality = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String name = parts[0].trim().toLowerCase(Locale.ROOT);
            int specificity;
            if (name.equals(mediaType)) {
                specificity = 2;
            } else if (name.equals(type + "/*")) {
                specificity = 1;
            } else if (name.equals("*/*")) {
                specificity = 0;
            } else {
                continue;
            }
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                quality = quality(parts);
            }
        }
        // A wildcard alone does not ask for JSON or a link set: browsers send */* with everything.
        if (bestSpecificity < 2 && !mediaType.equals(Kind.HTML.mediaType())) {
            return Math.min(quality, 0.001);
        }
        return quality;
    }
}
