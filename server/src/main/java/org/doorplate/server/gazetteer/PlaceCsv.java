package org.doorplate.server.gazetteer;

import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;

/**
 * The CSV and GeoJSON forms of place names. Division codes go in one column separated by
 * semicolons; former names are exported for the city but ignored on import (a rename happens
 * by changing standard_name, which records the history).
 */
public final class PlaceCsv {
    static final List<String> HEADER = List.of("code", "standard_name", "alias", "pinyin", "mongolian_name",
            "category", "meaning", "history", "latitude", "longitude", "in_use", "named_on", "division_codes",
            "former_names");

    private PlaceCsv() {
    }

    public static List<PlaceInput> read(Reader reader) {
        List<PlaceInput> places = new ArrayList<>();
        for (Csv.Row row : Csv.read(reader, Set.of("code", "standard_name", "category"))) {
            places.add(parse(row));
        }
        return places;
    }

    public static String write(List<PlaceName> places) {
        List<List<Object>> rows = new ArrayList<>(places.size());
        for (PlaceName p : places) {
            rows.add(Arrays.asList(p.code(), p.standardName(), p.alias(), p.pinyin(), p.mongolianName(),
                    p.category(), p.meaning(), p.history(), p.latitude(), p.longitude(), p.inUse(), p.namedOn(),
                    String.join(";", p.divisionCodes()),
                    p.formerNames().stream().map(FormerName::name).collect(Collectors.joining(";"))));
        }
        return Csv.write(HEADER, rows);
    }

    public static Map<String, Object> geoJson(List<PlaceName> places) {
        List<Map<String, Object>> features = new ArrayList<>(places.size());
        for (PlaceName p : places) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("standardName", p.standardName());
            properties.put("alias", p.alias());
            properties.put("pinyin", p.pinyin());
            properties.put("mongolianName", p.mongolianName());
            properties.put("category", p.category());
            properties.put("meaning", p.meaning());
            properties.put("history", p.history());
            properties.put("inUse", p.inUse());
            properties.put("namedOn", p.namedOn() == null ? null : p.namedOn().toString());
            properties.put("divisionCodes", p.divisionCodes());
            properties.put("formerNames", p.formerNames().stream().map(FormerName::name).toList());
            features.add(GeoJson.feature(p.code(), p.latitude(), p.longitude(), properties));
        }
        return GeoJson.collection(features);
    }

    private static PlaceInput parse(Csv.Row row) {
        String inUse = row.get("in_use");
        String divisions = row.get("division_codes");
        try {
            return new PlaceInput(row.get("code"), row.get("standard_name"), row.get("alias"), row.get("pinyin"),
                    row.get("mongolian_name"), row.get("category"), row.get("meaning"), row.get("history"),
                    row.number("latitude"), row.number("longitude"), inUse == null || Boolean.parseBoolean(inUse),
                    date(row), divisions == null ? List.of() : List.of(divisions.split(";"))).validated();
        } catch (DoorplateException e) {
            throw new DoorplateException(e.status(), "line " + row.line() + ": " + e.getMessage());
        }
    }

    private static LocalDate date(Csv.Row row) {
        String value = row.get("named_on");
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new DoorplateException(ErrorStatus.BAD_REQUEST, "named_on must be a date like 1956-05-01, found "
                    + Fields.quote(value));
        }
    }
}
