package org.doorplate.server.doorplate;

import io.micronaut.core.annotation.Nullable;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;
import org.doorplate.server.gazetteer.Csv;
import org.doorplate.server.gazetteer.GeoJson;

/**
 * The CSV and GeoJSON forms of plates. Exports carry every field with the code and its URL;
 * imports take the address fields only: codes are always issued by the server.
 */
public final class PlateCsv {
    static final List<String> HEADER = List.of("code", "url", "road_code", "number", "building", "unit",
            "postcode", "community_code", "latitude", "longitude", "device_id", "state", "successor_code");

    private PlateCsv() {
    }

    public static List<PlateInput> read(Reader reader) {
        List<PlateInput> plates = new ArrayList<>();
        for (Csv.Row row : Csv.read(reader, Set.of("road_code", "number"))) {
            PlateInput input = new PlateInput(row.get("road_code"), row.get("number"), row.get("building"),
                    row.get("unit"), row.get("postcode"), row.get("community_code"), row.number("latitude"),
                    row.number("longitude"), row.get("device_id"));
            try {
                plates.add(input.validated());
            } catch (DoorplateException e) {
                throw new DoorplateException(e.status(), "line " + row.line() + ": " + e.getMessage());
            }
        }
        return plates;
    }

    /** Reads a FeatureCollection of points whose properties name the address fields. */
    public static List<PlateInput> readGeoJson(Map<String, Object> document) {
        if (!"FeatureCollection".equals(document.get("type")) || !(document.get("features") instanceof List<?> list)) {
            throw new DoorplateException(ErrorStatus.BAD_REQUEST, "expected a GeoJSON FeatureCollection");
        }
        if (list.size() > Csv.MAX_ROWS) {
            throw new DoorplateException(ErrorStatus.PAYLOAD_TOO_LARGE, "an import holds at most " + Csv.MAX_ROWS
                    + " features");
        }
        List<PlateInput> plates = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            try {
                plates.add(feature(list.get(i)).validated());
            } catch (DoorplateException | ClassCastException e) {
                String message = e instanceof DoorplateException d ? d.getMessage() : "a value has the wrong type";
                throw new DoorplateException(ErrorStatus.BAD_REQUEST, "feature " + (i + 1) + ": " + message);
            }
        }
        return plates;
    }

    public static String write(List<Doorplate> plates) {
        List<List<Object>> rows = new ArrayList<>(plates.size());
        for (Doorplate p : plates) {
            rows.add(Arrays.asList(p.code(), p.url(), p.roadCode(), p.number(), p.building(), p.unit(),
                    p.postcode(), p.communityCode(), p.latitude(), p.longitude(), p.deviceId(), p.state(),
                    p.successorCode()));
        }
        return Csv.write(HEADER, rows);
    }

    public static Map<String, Object> geoJson(List<Doorplate> plates) {
        List<Map<String, Object>> features = new ArrayList<>(plates.size());
        for (Doorplate p : plates) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("url", p.url());
            properties.put("roadCode", p.roadCode());
            properties.put("number", p.number());
            properties.put("building", p.building());
            properties.put("unit", p.unit());
            properties.put("postcode", p.postcode());
            properties.put("communityCode", p.communityCode());
            properties.put("deviceId", p.deviceId());
            properties.put("state", p.state());
            properties.put("successorCode", p.successorCode());
            features.add(GeoJson.feature(p.code(), p.latitude(), p.longitude(), properties));
        }
        return GeoJson.collection(features);
    }

    private static PlateInput feature(Object feature) {
        if (!(feature instanceof Map<?, ?> map) || !(map.get("properties") instanceof Map<?, ?> properties)) {
            throw new DoorplateException(ErrorStatus.BAD_REQUEST, "a feature needs properties");
        }
        Double latitude = null;
        Double longitude = null;
        if (map.get("geometry") instanceof Map<?, ?> geometry && geometry.get("coordinates") instanceof List<?> xy
                && xy.size() >= 2) {
            longitude = ((Number) xy.get(0)).doubleValue();
            latitude = ((Number) xy.get(1)).doubleValue();
        }
        return new PlateInput(text(properties, "roadCode"), text(properties, "number"),
                text(properties, "building"), text(properties, "unit"), text(properties, "postcode"),
                text(properties, "communityCode"), latitude, longitude, text(properties, "deviceId"));
    }

    @Nullable
    private static String text(Map<?, ?> properties, String key) {
        Object value = properties.get(key);
        return value == null ? null : value.toString();
    }
}
