package org.doorplate.server.marker;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.doorplate.server.error.DoorplateException;

/**
 * Reads markers from a CSV laid out like a marker results table (界桩成果表): one marker per
 * row with its number, type, latitude, longitude, height, boundary line and notes, and
 * optionally the device fitted to it. The header names the columns, in English
 * ({@code number, type, lat, lon, height, line, notes, device}) or as the tables print them
 * ({@code 界桩编号, 类型, 纬度, 经度, 高程, 所在边界线, 备注, 设备}); the order is free.
 *
 * <p>Coordinates are decimal degrees or degrees, minutes and seconds ({@code 40°51′23.45″},
 * also with {@code '} and {@code "}, or {@code 40 51 23.45}), with an optional N/S/E/W or
 * 北/南/东/西. The type column may hold the letter or the table's term (单立, 同号双立,
 * 同号三立); it must agree with the number's letter, and the line column with its first four
 * characters.
 */
public final class MarkerCsv {
    /** Rows one import may hold. */
    public static final int MAX_ROWS = 10_000;

    private static final Map<String, String> HEADERS = headers();
    private static final Pattern DMS = Pattern.compile(
        "\\s*([NSEW北南东西])?\\s*(\\d{1,3})\\s*[°度\\s]\\s*(\\d{1,2})\\s*['′分\\s]\\s*(\\d{1,2}(?:\\.\\d+)?)\\s*"
        + "(?:[\"″”秒]|'')?\\s*([NSEW北南东西])?\\s*");

    private MarkerCsv() {
    }

    /**
     * Parses the table; any bad row rejects the whole file with every problem named by row.
     *
     * @throws DoorplateException {@code bad_request} listing the problems
     */
    public static List<MarkerInput> parse(String csv) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).setTrim(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(stripBom(csv)), format)) {
            Map<String, String> columns = columns(parser.getHeaderNames());
            List<MarkerInput> markers = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (CSVRecord row : parser) {
                if (markers.size() + problems.size() >= MAX_ROWS) {
                    throw DoorplateException.badRequest("at most " + MAX_ROWS + " rows per import");
                }
                try {
                    markers.add(row(row, columns));
                } catch (DoorplateException e) {
                    problems.add("line " + (row.getRecordNumber() + 1) + ": " + e.getMessage());
                }
            }
            if (!problems.isEmpty()) {
                throw DoorplateException.badRequest(String.join("; ", problems.subList(0, Math.min(20,
                    problems.size()))));
            }
            if (markers.isEmpty()) {
                throw DoorplateException.badRequest("the table has no rows");
            }
            return markers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw DoorplateException.badRequest("not a readable CSV table: " + e.getMessage());
        }
    }

    private static MarkerInput row(CSVRecord row, Map<String, String> columns) {
        String number = value(row, columns, "number");
        MarkerNumber parsed = MarkerNumber.parse(number);
        String type = optional(row, columns, "type");
        if (type != null && !typeMatches(type, parsed.type())) {
            throw DoorplateException.badRequest("type '" + type + "' does not match the number's letter "
                + parsed.type().letter() + " (" + parsed.type().group().chineseName() + ")");
        }
        String line = optional(row, columns, "line");
        if (line != null && !line.equals(parsed.lineCode())) {
            throw DoorplateException.badRequest("line '" + line + "' does not match the number's line code "
                + parsed.lineCode());
        }
        double lat = coordinate(value(row, columns, "lat"), "lat", 90);
        double lon = coordinate(value(row, columns, "lon"), "lon", 180);
        double height;
        try {
            height = Double.parseDouble(value(row, columns, "height").replace("m", "").strip());
        } catch (NumberFormatException e) {
            throw DoorplateException.badRequest("height: expected metres, found '" + value(row, columns, "height")
                + "'");
        }
        return new MarkerInput(number, lat, lon, height, optional(row, columns, "device"),
            optional(row, columns, "notes"));
    }

    private static boolean typeMatches(String type, MarkerType letter) {
        String t = type.strip();
        return t.equalsIgnoreCase(letter.letter()) || t.equals(letter.group().chineseName());
    }

    /** Decimal degrees or D M S, with an optional hemisphere; checks the range. */
    static double coordinate(String text, String field, double limit) {
        double value;
        Matcher dms = DMS.matcher(text);
        if (dms.matches()) {
            double minutes = Double.parseDouble(dms.group(3));
            double seconds = Double.parseDouble(dms.group(4));
            if (minutes >= 60 || seconds >= 60) {
                throw DoorplateException.badRequest(field + ": minutes and seconds must be below 60, found '"
                    + text + "'");
            }
            value = Integer.parseInt(dms.group(2)) + minutes / 60 + seconds / 3600;
            String hemisphere = dms.group(1) != null ? dms.group(1) : dms.group(5);
            if (hemisphere != null && "SW南西".contains(hemisphere)) {
                value = -value;
            }
        } else {
            try {
                value = Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                throw DoorplateException.badRequest(field + ": expected decimal degrees or degrees, minutes and"
                    + " seconds, found '" + text + "'");
            }
        }
        if (!(Math.abs(value) <= limit)) {
            throw DoorplateException.badRequest(field + ": expected -" + (int) limit + ".." + (int) limit
                + " degrees, found '" + text + "'");
        }
        return value;
    }

    private static Map<String, String> columns(List<String> headerNames) {
        Map<String, String> columns = new HashMap<>();
        for (String header : headerNames) {
            String key = HEADERS.get(header.strip().toLowerCase(Locale.ROOT));
            if (key != null) {
                columns.put(key, header);
            }
        }
        for (String required : List.of("number", "lat", "lon", "height")) {
            if (!columns.containsKey(required)) {
                throw DoorplateException.badRequest("the header has no " + required + " column; expected number,"
                    + " type, lat, lon, height, line, notes (or 界桩编号, 类型, 纬度, 经度, 高程, 所在边界线, 备注)");
            }
        }
        return columns;
    }

    private static String value(CSVRecord row, Map<String, String> columns, String key) {
        String value = optional(row, columns, key);
        if (value == null) {
            throw DoorplateException.badRequest(key + ": missing");
        }
        return value;
    }

    private static String optional(CSVRecord row, Map<String, String> columns, String key) {
        String header = columns.get(key);
        if (header == null || !row.isSet(header)) {
            return null;
        }
        String value = row.get(header);
        return value.isEmpty() ? null : value;
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static Map<String, String> headers() {
        Map<String, String> h = new HashMap<>();
        for (String name : List.of("number", "no", "编号", "界桩编号", "界桩号")) {
            h.put(name, "number");
        }
        for (String name : List.of("type", "类型", "界桩类型", "形式")) {
            h.put(name, "type");
        }
        for (String name : List.of("lat", "latitude", "纬度", "北纬")) {
            h.put(name, "lat");
        }
        for (String name : List.of("lon", "lng", "longitude", "经度", "东经")) {
            h.put(name, "lon");
        }
        for (String name : List.of("height", "elevation", "高程", "大地高")) {
            h.put(name, "height");
        }
        for (String name : List.of("line", "boundary", "边界线", "所在边界线")) {
            h.put(name, "line");
        }
        for (String name : List.of("notes", "note", "remarks", "备注")) {
            h.put(name, "notes");
        }
        for (String name : List.of("device", "device_id", "设备", "设备编号")) {
            h.put(name, "device");
        }
        return h;
    }
}
