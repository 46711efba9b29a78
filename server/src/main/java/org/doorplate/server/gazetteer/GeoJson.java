package org.doorplate.server.gazetteer;

import io.micronaut.core.annotation.Nullable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GeoJSON (RFC 7946) documents of exports. Coordinates are CGCS2000, which RFC 7946's WGS84
 * matches to within a few decimetres: close enough for every map this data is drawn on.
 */
public final class GeoJson {
    /** The media type of GeoJSON (RFC 7946 section 12). */
    public static final String MEDIA_TYPE = "application/geo+json";

    private GeoJson() {
    }

    public static Map<String, Object> collection(List<Map<String, Object>> features) {
        Map<String, Object> collection = new LinkedHashMap<>();
        collection.put("type", "FeatureCollection");
        collection.put("features", features);
        return collection;
    }

    /** A feature with a point geometry, or a null geometry when the position is unknown. */
    public static Map<String, Object> feature(@Nullable String id, @Nullable Double latitude,
                                              @Nullable Double longitude, Map<String, Object> properties) {
        Map<String, Object> feature = new LinkedHashMap<>();
        feature.put("type", "Feature");
        if (id != null) {
            feature.put("id", id);
        }
        if (latitude != null && longitude != null) {
            feature.put("geometry", Map.of("type", "Point", "coordinates", List.of(longitude, latitude)));
        } else {
            feature.put("geometry", null);
        }
        feature.put("properties", properties);
        return feature;
    }
}
