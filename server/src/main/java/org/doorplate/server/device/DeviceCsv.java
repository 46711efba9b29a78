package org.doorplate.server.device;

import io.micronaut.core.annotation.Nullable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CSV of a bulk import: one device per line, {@code id,kind[,areaCode,reportInterval,
 * installLat,installLon,firmware]}. A first line that starts with {@code id} is a header and may
 * name the columns in any order. Blank lines are skipped. Every error names its line.
 */
final class DeviceCsv {
    static final List<String> COLUMNS = List.of("id", "kind", "areaCode", "reportInterval", "installLat",
        "installLon", "firmware");

    private DeviceCsv() {
    }

    /** The devices of a CSV text, with the line each came from. */
    record Parsed(List<NewDevice> devices, List<Integer> lines) {
    }

    static Parsed parse(String text, int maxRows) {
        List<NewDevice> devices = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Integer> columns = null;
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true).get().parse(new StringReader(text))) {
            for (CSVRecord record : parser) {
                int line = (int) parser.getCurrentLineNumber();
                if (columns == null) {
                    columns = header(record, line);
                    if (!columns.isEmpty()) {
                        continue;
                    }
                    columns = positional();
                }
                if (devices.size() == maxRows) {
                    throw new DoorplateException(ErrorStatus.PAYLOAD_TOO_LARGE, "an import holds at most "
                        + maxRows + " devices; split the file");
                }
                NewDevice device = device(record, columns, line);
                Integer earlier = seen.putIfAbsent(device.id(), line);
                if (earlier != null) {
                    throw DoorplateException.badRequest("line " + line + ": the id " + device.id()
                        + " is on line " + earlier + " too");
                }
                devices.add(device);
                lines.add(line);
            }
        } catch (IOException | UncheckedIOException e) {
            throw DoorplateException.badRequest("the CSV cannot be read: " + e.getMessage());
        }
        if (devices.isEmpty()) {
            throw DoorplateException.badRequest("the CSV holds no devices; expected lines of "
                + String.join(",", COLUMNS));
        }
        return new Parsed(devices, lines);
    }

    static String format(List<ProvisionedDevice> devices) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = CSVFormat.DEFAULT.builder().setHeader("id", "kind", "key")
            .setRecordSeparator("\n").get().print(out)) {
            for (ProvisionedDevice device : devices) {
                printer.printRecord(device.id(), device.kind().wire(), device.key());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The column positions named by a header line, or empty when the line is data. */
    private static Map<String, Integer> header(CSVRecord record, int line) {
        if (!record.get(0).equalsIgnoreCase("id")) {
            return Map.of();
        }
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < record.size(); i++) {
            String name = canonical(record.get(i));
            if (name == null) {
                throw DoorplateException.badRequest("line " + line + ": unknown column '" + record.get(i)
                    + "'; columns are " + String.join(",", COLUMNS));
            }
            columns.put(name, i);
        }
        if (!columns.containsKey("kind")) {
            throw DoorplateException.badRequest("line " + line + ": the header has no kind column");
        }
        return columns;
    }

    private static Map<String, Integer> positional() {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < COLUMNS.size(); i++) {
            columns.put(COLUMNS.get(i), i);
        }
        return columns;
    }

    @Nullable
    private static String canonical(String name) {
        for (String column : COLUMNS) {
            if (column.equalsIgnoreCase(name.trim())) {
                return column;
            }
        }
        return null;
    }

    private static NewDevice device(CSVRecord record, Map<String, Integer> columns, int line) {
        if (record.size() > COLUMNS.size()) {
            throw DoorplateException.badRequest("line " + line + ": expected at most " + COLUMNS.size()
                + " fields (" + String.join(",", COLUMNS) + "), found " + record.size());
        }
        try {
            return NewDevice.of(field(record, columns, "id"), field(record, columns, "kind"),
                field(record, columns, "reportInterval"), field(record, columns, "areaCode"),
                field(record, columns, "firmware"), number(record, columns, "installLat"),
                number(record, columns, "installLon"));
        } catch (DoorplateException e) {
            throw new DoorplateException(e.status(), "line " + line + ": " + e.getMessage());
        }
    }

    @Nullable
    private static String field(CSVRecord record, Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        if (index == null || index >= record.size()) {
            return null;
        }
        String value = record.get(index);
        return value.isEmpty() ? null : value;
    }

    @Nullable
    private static Double number(CSVRecord record, Map<String, Integer> columns, String name) {
        String text = field(record, columns, name);
        if (text == null) {
            return null;
        }
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            throw DoorplateException.badRequest(name + " must be a number of degrees, found '"
                + text.toLowerCase(Locale.ROOT) + "'");
        }
    }
}
