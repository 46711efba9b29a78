package org.doorplate.server.alert.crew;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Reads the crew page's token cookie, for the crew page itself, the alert API it uses (its
 * event stream and forms) and for reading inspection reports in the browser. The security
 * module's own cookie reader works only in its cookie authentication mode, and this server
 * answers {@code POST /login} in bearer mode; elsewhere
 * (devices, users, the gazetteer) a request still needs the Authorization header, so a signed-in
 * browser cannot be made to call those by another page.
 */
@Singleton
public class CrewCookieTokenReader implements TokenReader<HttpRequest<?>> {
    /** After the bearer header reader, which therefore wins when both are present. */
    private static final int ORDER = 100;

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        String path = request.getPath();
        boolean crewPath = path.equals("/crew") || path.startsWith("/crew/") || path.startsWith("/api/v1/alerts");
        // Inspection reports and photos open in the browser (to print), read-only.
        boolean report = path.startsWith("/api/v1/inspections/") && request.getMethod() == HttpMethod.GET;
        if (!crewPath && !report) {
            return Optional.empty();
        }
        return request.getCookies().findCookie(CrewController.COOKIE).map(Cookie::getValue)
            .filter(value -> !value.isBlank());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
