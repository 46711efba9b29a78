package org.doorplate.protocol.codec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.doorplate.protocol.RejectReason;
import org.doorplate.protocol.message.Backlight;
import org.doorplate.protocol.message.BatchEntry;
import org.doorplate.protocol.message.Command;
import org.doorplate.protocol.message.CommandAction;
import org.doorplate.protocol.message.CommandResult;
import org.doorplate.protocol.message.DeviceEvent;
import org.doorplate.protocol.message.DoorplateReading;
import org.doorplate.protocol.message.Downlink;
import org.doorplate.protocol.message.Envelope;
import org.doorplate.protocol.message.EventKind;
import org.doorplate.protocol.message.FixType;
import org.doorplate.protocol.message.GnssFix;
import org.doorplate.protocol.message.Header;
import org.doorplate.protocol.message.Mac;
import org.doorplate.protocol.message.MarkerReading;
import org.doorplate.protocol.message.Message;
import org.doorplate.protocol.message.MessageType;
import org.doorplate.protocol.message.Outcome;
import org.doorplate.protocol.message.ReadingBatch;
import org.doorplate.protocol.message.Uplink;

/**
 * Maps every message type to fields and back, once for both encodings. Writing never fails
 * for a constructed record; reading throws {@link DecodeException}, including for the rules
 * the records check on construction.
 */
final class MessageMapper {
    private static final MessageType[] ENTRY_TYPES = {
        MessageType.DOORPLATE_READING, MessageType.MARKER_READING, MessageType.DEVICE_EVENT,
    };

    private MessageMapper() {
    }

    static void write(Message message, FieldWriter out) {
        out.integer(Fields.VERSION, Fields.PROTOCOL_VERSION);
        out.enumeration(Fields.TYPE, message.type());
        out.text(Fields.DEVICE, message.deviceId());
        if (message instanceof Uplink uplink) {
            out.integer(Fields.SEQ, uplink.seq());
            out.time(Fields.TIME, uplink.deviceTime());
            writeUplinkBody(uplink, out);
        } else {
            writeCommand((Command) message, out);
        }
    }

    static void write(Envelope<?> envelope, FieldWriter out) {
        write(envelope.message(), out);
        out.mac(Fields.MAC, envelope.mac());
    }

    private static void writeUplinkBody(Uplink uplink, FieldWriter out) {
        if (uplink instanceof DoorplateReading reading) {
            reading.fix().ifPresent(fix -> writeFix(fix, out));
            out.bool(Fields.TAMPER, reading.tamper());
            out.integer(Fields.BATTERY, reading.batteryMv());
            out.enumeration(Fields.BACKLIGHT, reading.backlight());
            out.integer(Fields.LUX, reading.ambientLux());
        } else if (uplink instanceof MarkerReading reading) {
            writeFix(reading.fix(), out);
            out.integer(Fields.TILT, reading.tiltCentiDegrees());
            out.bool(Fields.TAMPER, reading.tamper());
            out.integer(Fields.BATTERY, reading.batteryMv());
            out.integer(Fields.SOLAR, reading.solarMv());
            out.integer(Fields.TEMP, reading.temperatureDeciC());
            out.integer(Fields.SIGNAL, reading.signalDbm());
        } else if (uplink instanceof DeviceEvent event) {
            out.enumeration(Fields.EVENT_KIND, event.kind());
            event.code().ifPresent(code -> out.integer(Fields.EVENT_CODE, code));
            event.text().ifPresent(text -> out.text(Fields.EVENT_TEXT, text));
        } else if (uplink instanceof ReadingBatch batch) {
            List<FieldWriter> entries = new ArrayList<>(batch.entries().size());
            for (BatchEntry entry : batch.entries()) {
                FieldWriter nested = out.nested();
                nested.enumeration(Fields.TYPE, entry.type());
                nested.integer(Fields.SEQ, entry.seq());
                nested.time(Fields.TIME, entry.deviceTime());
                writeUplinkBody(entry, nested);
                entries.add(nested);
            }
            out.entries(Fields.ENTRIES, entries);
        } else {
            CommandResult result = (CommandResult) uplink;
            out.integer(Fields.RESULT_COMMAND, result.commandId());
            out.enumeration(Fields.RESULT_OUTCOME, result.outcome());
            result.detail().ifPresent(detail -> out.text(Fields.RESULT_DETAIL, detail));
        }
    }

    private static void writeFix(GnssFix fix, FieldWriter out) {
        out.integer(Fields.LAT, fix.latitudeE7());
        out.integer(Fields.LON, fix.longitudeE7());
        out.integer(Fields.HEIGHT, fix.heightMm());
        out.integer(Fields.HDOP, fix.hdopCenti());
        out.integer(Fields.SATS, fix.satellites());
        out.enumeration(Fields.FIX, fix.fixType());
    }

    private static void writeCommand(Command command, FieldWriter out) {
        out.integer(Fields.COMMAND_ID, command.commandId());
        out.time(Fields.ISSUED, command.issuedAt());
        out.enumeration(Fields.ACTION, command.action().kind());
        if (command.action() instanceof CommandAction.SetReportInterval interval) {
            out.integer(Fields.INTERVAL, interval.seconds());
        } else if (command.action() instanceof CommandAction.SetThresholds thresholds) {
            thresholds.tiltCentiDegrees().ifPresent(tilt -> out.integer(Fields.TILT_LIMIT, tilt));
            thresholds.lowBatteryMv().ifPresent(mv -> out.integer(Fields.LOW_BATTERY, mv));
        }
    }

    @SuppressWarnings("unchecked")
    static Envelope<Uplink> castUplink(Envelope<? extends Message> envelope) {
        return (Envelope<Uplink>) envelope;
    }

    @SuppressWarnings("unchecked")
    static Envelope<Downlink> castDownlink(Envelope<? extends Message> envelope) {
        return (Envelope<Downlink>) envelope;
    }

    /** Reads a whole uplink map: version, header, body and MAC, and nothing else. */
    static Envelope<Uplink> readUplink(FieldReader in, Limits limits) {
        MessageType type = readVersionAndType(in);
        if (!type.isUplink()) {
            throw new DecodeException(RejectReason.MALFORMED, in.label(Fields.TYPE),
                "expected an uplink type, found " + type.wireName());
        }
        String device = in.text(Fields.DEVICE, Integer.MAX_VALUE);
        Uplink uplink = construct(in, () -> readUplinkBody(type, in, device, limits));
        return sealed(uplink, in);
    }

    /** Reads a whole downlink map. */
    static Envelope<Downlink> readDownlink(FieldReader in) {
        MessageType type = readVersionAndType(in);
        if (type != MessageType.COMMAND) {
            throw new DecodeException(RejectReason.MALFORMED, in.label(Fields.TYPE),
                "expected a downlink type, found " + type.wireName());
        }
        Downlink command = construct(in, () -> readCommand(in));
        return sealed(command, in);
    }

    private static <M extends Message> Envelope<M> sealed(M message, FieldReader in) {
        Mac mac = in.mac(Fields.MAC);
        in.finish();
        return new Envelope<>(message, mac);
    }

    private static MessageType readVersionAndType(FieldReader in) {
        if (!in.has(Fields.VERSION)) {
            throw in.missing(Fields.VERSION);
        }
        long version = in.integer(Fields.VERSION);
        if (version != Fields.PROTOCOL_VERSION) {
            throw new DecodeException(RejectReason.UNSUPPORTED_VERSION, in.label(Fields.VERSION),
                "expected " + Fields.PROTOCOL_VERSION + ", found " + version);
        }
        return in.enumeration(Fields.TYPE, MessageType.values());
    }

    private static Uplink readUplinkBody(MessageType type, FieldReader in, String device, Limits limits) {
        Header header = new Header(device, in.integer(Fields.SEQ), in.time(Fields.TIME));
        switch (type) {
            case DOORPLATE_READING:
            case MARKER_READING:
            case DEVICE_EVENT:
                return readEntryBody(type, in, header, limits);
            case READING_BATCH:
                return readBatch(in, header, limits);
            default:
                return new CommandResult(header, in.integer(Fields.RESULT_COMMAND),
                    in.enumeration(Fields.RESULT_OUTCOME, Outcome.values()),
                    optionalText(in, Fields.RESULT_DETAIL, limits));
        }
    }

    private static BatchEntry readEntryBody(MessageType type, FieldReader in, Header header, Limits limits) {
        switch (type) {
            case DOORPLATE_READING:
                Optional<GnssFix> fix = hasAnyFixField(in) ? Optional.of(readFix(in)) : Optional.empty();
                return new DoorplateReading(header, (int) in.integer(Fields.BATTERY), in.bool(Fields.TAMPER),
                    in.enumeration(Fields.BACKLIGHT, Backlight.values()), (int) in.integer(Fields.LUX), fix);
            case MARKER_READING:
                return new MarkerReading(header, readFix(in), (int) in.integer(Fields.TILT), in.bool(Fields.TAMPER),
                    (int) in.integer(Fields.BATTERY), (int) in.integer(Fields.SOLAR), (int) in.integer(Fields.TEMP),
                    (int) in.integer(Fields.SIGNAL));
            default:
                EventKind kind = in.enumeration(Fields.EVENT_KIND, EventKind.values());
                OptionalLong code = in.has(Fields.EVENT_CODE)
                    ? OptionalLong.of(in.integer(Fields.EVENT_CODE)) : OptionalLong.empty();
                return new DeviceEvent(header, kind, code, optionalText(in, Fields.EVENT_TEXT, limits));
        }
    }

    private static ReadingBatch readBatch(FieldReader in, Header header, Limits limits) {
        List<FieldReader> readers = in.entries(Fields.ENTRIES, limits.maxBatchEntries());
        List<BatchEntry> entries = new ArrayList<>(readers.size());
        for (FieldReader entry : readers) {
            MessageType type = entry.enumeration(Fields.TYPE, ENTRY_TYPES);
            Header entryHeader = construct(entry,
                () -> new Header(header.deviceId(), entry.integer(Fields.SEQ), entry.time(Fields.TIME)));
            entries.add(construct(entry, () -> readEntryBody(type, entry, entryHeader, limits)));
            entry.finish();
        }
        return new ReadingBatch(header, entries);
    }

    private static boolean hasAnyFixField(FieldReader in) {
        return in.has(Fields.LAT) || in.has(Fields.LON) || in.has(Fields.HEIGHT) || in.has(Fields.HDOP)
            || in.has(Fields.SATS) || in.has(Fields.FIX);
    }

    private static GnssFix readFix(FieldReader in) {
        return new GnssFix((int) in.integer(Fields.LAT), (int) in.integer(Fields.LON),
            (int) in.integer(Fields.HEIGHT), (int) in.integer(Fields.HDOP), (int) in.integer(Fields.SATS),
            in.enumeration(Fields.FIX, FixType.values()));
    }

    private static Optional<String> optionalText(FieldReader in, Field field, Limits limits) {
        return in.has(field) ? Optional.of(in.text(field, limits.maxTextBytes())) : Optional.empty();
    }

    private static Command readCommand(FieldReader in) {
        String device = in.text(Fields.DEVICE, Integer.MAX_VALUE);
        long id = in.integer(Fields.COMMAND_ID);
        Instant issued = in.time(Fields.ISSUED);
        CommandAction.Kind kind = in.enumeration(Fields.ACTION, CommandAction.Kind.values());
        CommandAction action;
        switch (kind) {
            case SET_REPORT_INTERVAL:
                action = new CommandAction.SetReportInterval((int) in.integer(Fields.INTERVAL));
                break;
            case SET_THRESHOLDS:
                action = new CommandAction.SetThresholds(optionalInt(in, Fields.TILT_LIMIT),
                    optionalInt(in, Fields.LOW_BATTERY));
                break;
            case REBOOT:
                action = new CommandAction.Reboot();
                break;
            default:
                action = new CommandAction.Locate();
                break;
        }
        return new Command(id, device, issued, action);
    }

    private static OptionalInt optionalInt(FieldReader in, Field field) {
        return in.has(field) ? OptionalInt.of((int) in.integer(field)) : OptionalInt.empty();
    }

    /**
     * Runs a record constructor and turns the rule it rejects into an INVALID_VALUE error; the
     * records word their messages as {@code "field: detail"}.
     */
    private static <T> T construct(FieldReader in, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            int colon = message.indexOf(": ");
            String field = colon < 0 ? in.path() : in.path() + message.substring(0, colon);
            String detail = colon < 0 ? message : message.substring(colon + 2);
            throw new DecodeException(RejectReason.INVALID_VALUE, stripDot(field), detail);
        }
    }

    private static String stripDot(String field) {
        return field.endsWith(".") ? field.substring(0, field.length() - 1) : field;
    }
}
