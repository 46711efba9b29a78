package org.doorplate.server.gazetteer;

import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;

/** Reading and writing the CSV files of imports, exports and demo data (RFC 4180, header row). */
public final class Csv {
    /** An import may hold at most this many rows. */
    public static final int MAX_ROWS = 50_000;

    private static final CSVFormat READ = CSVFormat.RFC4180.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).get();

    private Csv() {
    }

    /** One parsed row, with its line number for error messages. */
    public record Row(long line, CSVRecord record) {
        /** The trimmed value of a column, null when empty or absent. */
        @Nullable
        public String get(String column) {
            if (!record.isMapped(column) || !record.isSet(column)) {
                return null;
            }
            String value = record.get(column);
            return value.isEmpty() ? null : value;
        }

        @Nullable
        public Double number(String column) {
            String value = get(column);
            if (value == null) {
                return null;
            }
            try {
                return Double.valueOf(value);
            } catch (NumberFormatException e) {
                throw new DoorplateException(ErrorStatus.BAD_REQUEST,
                        "line " + line + ": " + column + " must be a number, found " + Fields.quote(value));
            }
        }
    }

    /** Parses CSV with a header that must name every required column. */
    public static List<Row> read(Reader reader, Set<String> required) {
        try (CSVParser parser = READ.parse(reader)) {
            List<String> header = parser.getHeaderNames();
            for (String column : required) {
                if (!header.contains(column)) {
                    throw new DoorplateException(ErrorStatus.BAD_REQUEST,
                            "the CSV header must name column " + column + ", found " + header);
                }
            }
            List<Row> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (rows.size() >= MAX_ROWS) {
                    throw new DoorplateException(ErrorStatus.PAYLOAD_TOO_LARGE,
                            "an import holds at most " + MAX_ROWS + " rows");
                }
                rows.add(new Row(parser.getCurrentLineNumber(), record));
            }
            return rows;
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            throw new DoorplateException(ErrorStatus.BAD_REQUEST, "not a readable CSV file: " + e.getMessage());
        }
    }

    /** Writes rows under a header; nulls become empty fields. */
    public static String write(List<String> header, List<List<Object>> rows) {
        StringWriter out = new StringWriter(rows.size() * 120 + 200);
        try (CSVPrinter printer = CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get()
                .print(out)) {
            for (List<Object> row : rows) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
