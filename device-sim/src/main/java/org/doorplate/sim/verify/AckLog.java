package org.doorplate.sim.verify;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The list of acknowledged messages a load run writes and {@code verify} reads: CSV with the
 * header {@code device,seq,time}, one line per acknowledged message, in acknowledgement order.
 *
 * <p>Writing is thread-safe: acknowledgements arrive on the transports' threads.
 */
public final class AckLog implements Closeable {
    static final String HEADER = "device,seq,time";

    private final BufferedWriter writer;
    private long written;

    private AckLog(BufferedWriter writer) throws IOException {
        this.writer = writer;
        writer.write(HEADER);
        writer.newLine();
    }

    /** Creates (or replaces) the file at {@code path} and writes the header. */
    public static AckLog create(Path path) {
        try {
            return new AckLog(Files.newBufferedWriter(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the acknowledged list to " + path, e);
        }
    }

    /** Appends one acknowledged message. */
    public synchronized void append(AckedMessage message) {
        try {
            writer.write(message.device() + "," + message.seq() + "," + message.deviceTime());
            writer.newLine();
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the acknowledged list", e);
        }
    }

    /** How many messages were appended. */
    public synchronized long written() {
        return written;
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the acknowledged list", e);
        }
    }

    /** Reads the list at {@code path}. */
    public static List<AckedMessage> read(Path path) {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return read(path.toString(), reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the acknowledged list " + path, e);
        }
    }

    /**
     * Reads an acknowledged list.
     *
     * @throws IllegalArgumentException naming the first bad line, for a file that is not such a list
     */
    public static List<AckedMessage> read(String source, Reader reader) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).setTrim(true).get();
        List<AckedMessage> messages = new ArrayList<>();
        try (CSVParser parser = format.parse(reader)) {
            if (!parser.getHeaderNames().equals(List.of("device", "seq", "time"))) {
                throw new IllegalArgumentException(source + ": expected the header '" + HEADER
                    + "', found '" + String.join(",", parser.getHeaderNames()) + "'");
            }
            for (CSVRecord row : parser) {
                messages.add(parse(source, parser.getCurrentLineNumber(), row));
            }
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new IllegalArgumentException(source + ": not valid CSV: " + e.getMessage(), e);
        }
        return messages;
    }

    private static AckedMessage parse(String source, long line, CSVRecord row) {
        String where = source + " line " + line;
        if (row.size() != 3) {
            throw new IllegalArgumentException(where + ": expected 3 fields, found " + row.size());
        }
        try {
            long seq = Long.parseLong(row.get(1));
            if (seq < 0) {
                throw new NumberFormatException("negative");
            }
            return new AckedMessage(row.get(0), seq, Instant.parse(row.get(2)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": seq: expected a number >= 0, found '" + row.get(1) + "'");
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": time: expected an ISO-8601 instant, found '"
                + row.get(2) + "'");
        }
    }
}
