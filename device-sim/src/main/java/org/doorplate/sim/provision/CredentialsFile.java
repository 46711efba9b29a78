package org.doorplate.sim.provision;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.doorplate.sim.model.GeoPoint;

/**
 * Reads and writes device credentials as CSV: a header {@code id,kind,key}, optionally
 * followed by {@code lat,lon} (degrees) for markers whose surveyed position is known.
 *
 * <p>A file with any bad line is refused whole, with one message per bad line naming its
 * number and what was wrong, so that a fleet never starts with half its devices.
 */
public final class CredentialsFile {
    private static final String[] HEADER = {"id", "kind", "key", "lat", "lon"};

    private CredentialsFile() {
    }

    /** Thrown when a credentials file has bad lines; the message lists all of them. */
    public static final class BadCredentialsException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<String> problems;

        BadCredentialsException(String source, List<String> problems) {
            super(source + ": " + problems.size() + " bad line(s): " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        /** One entry per bad line, "line N: what was wrong". */
        public List<String> problems() {
            return problems;
        }
    }

    /** Reads the file at {@code path}. */
    public static List<DeviceCredentials> read(Path path) {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return read(path.toString(), reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read credentials from " + path, e);
        }
    }

    /**
     * Reads credentials from {@code reader}.
     *
     * @param source what to call the input in messages
     * @throws BadCredentialsException if any line is bad, or there is no device at all
     */
    public static List<DeviceCredentials> read(String source, Reader reader) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).setTrim(true).setCommentMarker('#').get();
        List<DeviceCredentials> devices = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (CSVParser parser = format.parse(reader)) {
            List<String> missing = missingColumns(parser.getHeaderNames());
            if (!missing.isEmpty()) {
                throw new BadCredentialsException(source, List.of("line 1: expected the columns id,kind,key"
                    + " (then optionally lat,lon), missing " + String.join(",", missing)));
            }
            for (CSVRecord row : parser) {
                long line = parser.getCurrentLineNumber();
                try {
                    DeviceCredentials device = parseRow(row);
                    if (!seen.add(device.id())) {
                        throw new IllegalArgumentException("id: '" + device.id() + "' appears twice");
                    }
                    devices.add(device);
                } catch (IllegalArgumentException e) {
                    problems.add("line " + line + ": " + e.getMessage());
                }
            }
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new BadCredentialsException(source, List.of("not valid CSV: " + e.getMessage()));
        }
        if (!problems.isEmpty()) {
            throw new BadCredentialsException(source, problems);
        }
        if (devices.isEmpty()) {
            throw new BadCredentialsException(source, List.of("no devices listed"));
        }
        return List.copyOf(devices);
    }

    /** Writes {@code devices} to {@code path}, replacing it. */
    public static void write(Path path, List<DeviceCredentials> devices) {
        try (Writer writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            write(writer, devices);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write credentials to " + path, e);
        }
    }

    /** Writes {@code devices} as CSV with a header. */
    public static void write(Writer writer, List<DeviceCredentials> devices) throws IOException {
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(HEADER).get());
        for (DeviceCredentials d : devices) {
            String lat = d.position().map(p -> Double.toString(p.latitude())).orElse("");
            String lon = d.position().map(p -> Double.toString(p.longitude())).orElse("");
            printer.printRecord(d.id(), d.kind().apiName(), d.keyHex(), lat, lon);
        }
        printer.flush();
    }

    private static List<String> missingColumns(List<String> header) {
        List<String> missing = new ArrayList<>();
        for (String column : List.of("id", "kind", "key")) {
            if (!header.contains(column)) {
                missing.add(column);
            }
        }
        return missing;
    }

    private static DeviceCredentials parseRow(CSVRecord row) {
        if (!row.isConsistent()) {
            throw new IllegalArgumentException("expected " + row.getParser().getHeaderNames().size()
                + " fields, found " + row.size());
        }
        String id = row.get("id");
        DeviceKind kind = DeviceKind.parse(row.get("kind"));
        byte[] key = DeviceCredentials.parseKey(row.get("key"));
        return new DeviceCredentials(id, kind, key, position(row));
    }

    private static Optional<GeoPoint> position(CSVRecord row) {
        String lat = row.isMapped("lat") ? row.get("lat") : "";
        String lon = row.isMapped("lon") ? row.get("lon") : "";
        if (lat.isEmpty() && lon.isEmpty()) {
            return Optional.empty();
        }
        if (lat.isEmpty() || lon.isEmpty()) {
            throw new IllegalArgumentException("position: expected both lat and lon, or neither");
        }
        try {
            return Optional.of(new GeoPoint(Double.parseDouble(lat), Double.parseDouble(lon), 0));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("position: expected decimal degrees, found '" + lat + "," + lon + "'");
        }
    }
}
