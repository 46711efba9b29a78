package org.doorplate.server.doorplate;

import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.doorplate.server.gazetteer.Division;
import org.doorplate.server.gazetteer.FormerName;
import org.doorplate.server.gazetteer.PlaceName;
import org.doorplate.server.gazetteer.PublicService;
import org.doorplate.server.household.Household;

/**
 * The machine-readable representations of a scan: the JSON document and the link set
 * (RFC 9264). Both are built as ordered maps and written by the JSON mapper.
 */
public final class ScanDocuments {
    /** The link relation of the restricted household link (an extension relation, RFC 8288). */
    static final String HOUSEHOLDS_RELATION = "/rel/households";

    private static final List<Map<String, String>> EMERGENCY = List.of(
            Map.of("number", "110", "service", "police"),
            Map.of("number", "119", "service", "fire"),
            Map.of("number", "120", "service", "ambulance"),
            Map.of("number", "122", "service", "traffic"));

    private ScanDocuments() {
    }

    /** The JSON document; {@code households} only for a caller who may see them. */
    public static Map<String, Object> json(ScanView view, PublicUrl urls, @Nullable List<Household> households) {
        Doorplate plate = view.plate();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("code", plate.code());
        document.put("url", plate.url());
        document.put("state", plate.state());
        document.put("address", address(view));
        document.put("road", road(view.road()));
        if (plate.latitude() != null && plate.longitude() != null) {
            document.put("position", Map.of("latitude", plate.latitude(), "longitude", plate.longitude(),
                    "crs", "CGCS2000"));
        }
        document.put("divisions", view.divisions().stream().map(ScanDocuments::division).toList());
        if (view.community() != null) {
            document.put("community", division(view.community()));
        }
        document.put("services", view.services().stream().map(ScanDocuments::service).toList());
        document.put("emergency", EMERGENCY);
        document.put("links", Map.of("self", plate.url(), "report", urls.report(plate.code())));
        if (households != null) {
            document.put("households", households);
        }
        return document;
    }

    /** The link set: the page, the JSON, the report form and, for officers, the households. */
    public static Map<String, Object> linkSet(ScanView view, PublicUrl urls, boolean officer) {
        String code = view.plate().code();
        String page = urls.scan(code);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("anchor", page);
        String title = ScanPage.title(view, Language.ZH);
        List<Map<String, Object>> alternates = new ArrayList<>();
        alternates.add(target(page, "text/html", title, "zh"));
        alternates.add(target(page + "?lang=en", "text/html", ScanPage.title(view, Language.EN), "en"));
        alternates.add(target(page, "application/json", title, null));
        context.put("alternate", alternates);
        context.put("create-form", List.of(target(urls.report(code), "text/html", "report a problem", null)));
        if (officer) {
            context.put(urls.base() + HOUSEHOLDS_RELATION, List.of(target(urls.base() + "/api/v1/doorplates/"
                    + code + "/households", "application/json", "households (restricted)", null)));
        }
        return Map.of("linkset", List.of(context));
    }

    /** The link set of a retired plate: where its successor is. */
    public static Map<String, Object> retiredLinkSet(String page, @Nullable String successorUrl) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("anchor", page);
        if (successorUrl != null) {
            context.put("successor-version", List.of(target(successorUrl, "text/html", null, null)));
        }
        return Map.of("linkset", List.of(context));
    }

    private static Map<String, Object> target(String href, String type, @Nullable String title,
                                              @Nullable String language) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("href", href);
        target.put("type", type);
        if (title != null) {
            target.put("title", title);
        }
        if (language != null) {
            target.put("hreflang", List.of(language));
        }
        return target;
    }

    private static Map<String, Object> address(ScanView view) {
        Doorplate plate = view.plate();
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("standard", Addresses.standard(view, Language.ZH));
        address.put("english", Addresses.standard(view, Language.EN));
        address.put("number", plate.number());
        putIfPresent(address, "building", plate.building());
        putIfPresent(address, "unit", plate.unit());
        putIfPresent(address, "postcode", plate.postcode());
        return address;
    }

    private static Map<String, Object> road(PlaceName road) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", road.code());
        json.put("name", road.standardName());
        putIfPresent(json, "alias", road.alias());
        putIfPresent(json, "pinyin", road.pinyin());
        putIfPresent(json, "mongolianName", road.mongolianName());
        json.put("category", road.category());
        putIfPresent(json, "meaning", road.meaning());
        putIfPresent(json, "history", road.history());
        List<Map<String, Object>> former = new ArrayList<>();
        for (FormerName name : road.formerNames()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", name.name());
            putIfPresent(entry, "pinyin", name.pinyin());
            putIfPresent(entry, "mongolianName", name.mongolianName());
            entry.put("renamedAt", name.renamedAt().toString());
            former.add(entry);
        }
        json.put("formerNames", former);
        return json;
    }

    private static Map<String, Object> division(Division division) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", division.code());
        json.put("name", division.name());
        putIfPresent(json, "pinyin", division.pinyin());
        json.put("level", division.level());
        putIfPresent(json, "officeAddress", division.officeAddress());
        putIfPresent(json, "officePhone", division.officePhone());
        return json;
    }

    private static Map<String, Object> service(PublicService service) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", service.name());
        putIfPresent(json, "nameEn", service.nameEn());
        json.put("kind", service.kind());
        putIfPresent(json, "address", service.address());
        putIfPresent(json, "phone", service.phone());
        putIfPresent(json, "distanceMetres", service.distanceMetres());
        return json;
    }

    private static void putIfPresent(Map<String, Object> json, String key, @Nullable Object value) {
        if (value != null) {
            json.put(key, value);
        }
    }
}
