package org.doorplate.server.doorplate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.doorplate.server.error.ErrorStatus;
import org.doorplate.server.household.Household;

/** Renders a scan's response in the negotiated representation and language. */
@Singleton
public class ScanRenderer {
    private static final String HTML = "text/html; charset=utf-8";
    private static final String JSON = "application/json";

    private final ScanViews views;
    private final PublicUrl urls;
    private final JsonMapper json;

    public ScanRenderer(ScanViews views, PublicUrl urls, JsonMapper json) {
        this.views = views;
        this.urls = urls;
        this.json = json;
    }

    /** The anonymous response for a well-formed code: 200, 410 for retired, 404 for unknown. */
    public Rendered anonymous(String code, Language language, Negotiation.Kind kind) {
        Optional<ScanView> view = views.load(code);
        if (view.isEmpty()) {
            return unknown(kind, language, "no doorplate has code " + code);
        }
        if (view.get().plate().retired()) {
            return retired(view.get(), language, kind);
        }
        return active(view.get(), language, kind, null);
    }

    /**
     * The view of a plate for a caller who may see its households, or empty when the plate is
     * unknown or retired (those get the anonymous answer). {@code households} is called only
     * for an active plate, so the audit row is written only when data is shown.
     */
    public Optional<Rendered> forOfficer(String code, Language language, Negotiation.Kind kind,
                                         HouseholdSource households) {
        Optional<ScanView> view = views.load(code);
        if (view.isEmpty() || view.get().plate().retired()) {
            return Optional.empty();
        }
        if (kind == Negotiation.Kind.LINKSET) {
            String body = write(ScanDocuments.linkSet(view.get(), urls, true));
            return Optional.of(Rendered.uncached(200, Negotiation.LINKSET_JSON, body, null));
        }
        List<Household> found = households.load(kind);
        Rendered active = active(view.get(), language, kind, found);
        return Optional.of(new Rendered(active.status(), active.contentType(), active.body(), null,
                active.link(), false));
    }

    /** A small error answer for a malformed or unknown code, never cached. */
    public Rendered unknown(Negotiation.Kind kind, Language language, String message) {
        if (kind == Negotiation.Kind.HTML) {
            return Rendered.uncached(404, HTML, SmallPages.unknown(language), null);
        }
        return Rendered.uncached(404, JSON, error(ErrorStatus.NOT_FOUND.code(), message, null), null);
    }

    /** A 400 answer for a code that cannot be a plate code at all. */
    public Rendered malformed(Negotiation.Kind kind, Language language) {
        String message = "a doorplate code is " + PlateCode.LENGTH + " characters of A-Z and 2-7";
        if (kind == Negotiation.Kind.HTML) {
            return Rendered.uncached(400, HTML, SmallPages.unknown(language), null);
        }
        return Rendered.uncached(400, JSON, error(ErrorStatus.BAD_REQUEST.code(), message, null), null);
    }

    /** Where household data comes from for an officer's view, given the representation. */
    @FunctionalInterface
    public interface HouseholdSource {
        List<Household> load(Negotiation.Kind kind);
    }

    private Rendered active(ScanView view, Language language, Negotiation.Kind kind,
                            @Nullable List<Household> households) {
        String link = "<" + view.plate().url() + ">; rel=\"linkset\"; type=\"" + Negotiation.LINKSET_JSON + "\"";
        return switch (kind) {
            case HTML -> Rendered.anonymous(200, HTML, ScanPage.render(view, language, households), link);
            case JSON -> Rendered.anonymous(200, JSON, write(ScanDocuments.json(view, urls, households)), link);
            case LINKSET -> Rendered.anonymous(200, Negotiation.LINKSET_JSON,
                    write(ScanDocuments.linkSet(view, urls, false)), null);
        };
    }

    private Rendered retired(ScanView view, Language language, Negotiation.Kind kind) {
        String successor = view.plate().successorCode() == null ? null : urls.scan(view.plate().successorCode());
        String link = successor == null ? null : "<" + successor + ">; rel=\"successor-version\"";
        String message = "doorplate " + view.plate().code() + " is retired";
        return switch (kind) {
            case HTML -> Rendered.anonymous(410, HTML, SmallPages.retired(view, language, successor), link);
            case JSON -> Rendered.anonymous(410, JSON, error(ErrorStatus.GONE.code(), message, successor), link);
            case LINKSET -> Rendered.anonymous(410, Negotiation.LINKSET_JSON,
                    write(ScanDocuments.retiredLinkSet(view.plate().url(), successor)), link);
        };
    }

    private String error(String status, String message, @Nullable String successor) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", status);
        body.put("message", message);
        if (successor != null) {
            body.put("successor", successor);
        }
        return write(body);
    }

    private String write(Object document) {
        try {
            return new String(json.writeValueAsBytes(document), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
