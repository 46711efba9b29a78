package org.doorplate.protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.protocol.message.Backlight;
import org.doorplate.protocol.message.BatchEntry;
import org.doorplate.protocol.message.Command;
import org.doorplate.protocol.message.CommandAction;
import org.doorplate.protocol.message.CommandResult;
import org.doorplate.protocol.message.DeviceEvent;
import org.doorplate.protocol.message.DeviceIds;
import org.doorplate.protocol.message.DoorplateReading;
import org.doorplate.protocol.message.EventKind;
import org.doorplate.protocol.message.FixType;
import org.doorplate.protocol.message.GnssFix;
import org.doorplate.protocol.message.Header;
import org.doorplate.protocol.message.MarkerReading;
import org.doorplate.protocol.message.Message;
import org.doorplate.protocol.message.Outcome;
import org.doorplate.protocol.message.ReadingBatch;

/** jqwik generators for arbitrary valid messages of every type, across each field's whole range. */
public final class MessageArbitraries {
    private MessageArbitraries() {
    }

    public static Arbitrary<String> deviceIds() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
            .withChars('.', '_', '-').ofMinLength(1).ofMaxLength(DeviceIds.MAX_LENGTH);
    }

    public static Arbitrary<Long> seqs() {
        return Arbitraries.longs().between(0, Header.MAX_SEQ);
    }

    public static Arbitrary<Instant> times() {
        return Arbitraries.longs().between(0, Header.MAX_TIME.getEpochSecond()).map(Instant::ofEpochSecond);
    }

    /** Text of up to 40 characters from the whole Basic Multilingual Plane except surrogates. */
    public static Arbitrary<String> texts() {
        return Arbitraries.strings().withCharRange('\u0000', '\ud7ff').withCharRange('\ue000', '\uffff')
            .ofMaxLength(40);
    }

    public static Arbitrary<DeviceKey> keys() {
        return Arbitraries.bytes().array(byte[].class).ofSize(DeviceKey.LENGTH).map(DeviceKey::of);
    }

    public static Arbitrary<Header> headers() {
        return Combinators.combine(deviceIds(), seqs(), times()).as(Header::new);
    }

    private static Arbitrary<Integer> ints(long min, long max) {
        return Arbitraries.integers().between((int) min, (int) max);
    }

    public static Arbitrary<GnssFix> fixes() {
        Arbitrary<GnssFix> positioned = Combinators.combine(
            ints(-GnssFix.MAX_LATITUDE_E7, GnssFix.MAX_LATITUDE_E7),
            ints(-GnssFix.MAX_LONGITUDE_E7, GnssFix.MAX_LONGITUDE_E7),
            ints(GnssFix.MIN_HEIGHT_MM, GnssFix.MAX_HEIGHT_MM), ints(0, GnssFix.MAX_HDOP_CENTI),
            ints(0, GnssFix.MAX_SATELLITES), Arbitraries.of(FixType.class).filter(type -> type != FixType.NONE))
            .as(GnssFix::new);
        Arbitrary<GnssFix> none = Combinators.combine(ints(0, GnssFix.MAX_HDOP_CENTI), ints(0, GnssFix.MAX_SATELLITES))
            .as(GnssFix::none);
        return Arbitraries.frequencyOf(Tuple.of(4, positioned), Tuple.of(1, none));
    }

    public static Arbitrary<DoorplateReading> doorplateReadings(Arbitrary<Header> headers) {
        return Combinators.combine(headers, ints(0, DoorplateReading.MAX_MILLIVOLTS), Arbitraries.of(true, false),
            Arbitraries.of(Backlight.class), ints(0, DoorplateReading.MAX_LUX), fixes().optional())
            .as(DoorplateReading::new);
    }

    public static Arbitrary<MarkerReading> markerReadings(Arbitrary<Header> headers) {
        return Combinators.combine(headers, fixes(), ints(0, MarkerReading.MAX_TILT_CENTI_DEGREES),
            Arbitraries.of(true, false), ints(0, DoorplateReading.MAX_MILLIVOLTS),
            ints(0, DoorplateReading.MAX_MILLIVOLTS),
            ints(MarkerReading.MIN_TEMPERATURE_DECI_C, MarkerReading.MAX_TEMPERATURE_DECI_C),
            ints(MarkerReading.MIN_SIGNAL_DBM, 0))
            .as(MarkerReading::new);
    }

    public static Arbitrary<DeviceEvent> events(Arbitrary<Header> headers) {
        Arbitrary<OptionalLong> codes = Arbitraries.longs().between(0, DeviceEvent.MAX_CODE).optional()
            .map(code -> code.map(OptionalLong::of).orElse(OptionalLong.empty()));
        return Combinators.combine(headers, Arbitraries.of(EventKind.class), codes, texts().optional())
            .as(DeviceEvent::new);
    }

    public static Arbitrary<ReadingBatch> batches() {
        return Combinators.combine(deviceIds(), Arbitraries.longs().between(0, Header.MAX_SEQ - 1_000),
            Arbitraries.integers().between(1, 5).list().ofMinSize(1).ofMaxSize(8), times().list().ofSize(9))
            .flatAs((device, start, gaps, times) -> {
                List<Arbitrary<BatchEntry>> entries = new ArrayList<>();
                long seq = start;
                for (int i = 0; i < gaps.size(); i++) {
                    seq += gaps.get(i);
                    Arbitrary<Header> header = Arbitraries.just(new Header(device, seq, times.get(i)));
                    entries.add(Arbitraries.<BatchEntry>oneOf(doorplateReadings(header), markerReadings(header),
                        events(header)));
                }
                Header batchHeader = new Header(device, seq + 1, times.get(gaps.size()));
                return Combinators.combine(entries).as(list -> new ReadingBatch(batchHeader, List.copyOf(list)));
            });
    }

    public static Arbitrary<CommandResult> commandResults() {
        return Combinators.combine(headers(), Arbitraries.longs().between(1, Header.MAX_SEQ),
            Arbitraries.of(Outcome.class), texts().optional())
            .as(CommandResult::new);
    }

    public static Arbitrary<CommandAction> actions() {
        Arbitrary<OptionalInt> tilt = ints(1, MarkerReading.MAX_TILT_CENTI_DEGREES).optional()
            .map(v -> v.map(OptionalInt::of).orElse(OptionalInt.empty()));
        Arbitrary<OptionalInt> battery = ints(0, DoorplateReading.MAX_MILLIVOLTS).optional()
            .map(v -> v.map(OptionalInt::of).orElse(OptionalInt.empty()));
        Arbitrary<CommandAction> thresholds = Combinators.combine(tilt, battery)
            .filter((t, b) -> t.isPresent() || b.isPresent())
            .as(CommandAction.SetThresholds::new);
        return Arbitraries.oneOf(
            ints(CommandAction.SetReportInterval.MIN_SECONDS, CommandAction.SetReportInterval.MAX_SECONDS)
                .map(CommandAction.SetReportInterval::new),
            thresholds, Arbitraries.just(new CommandAction.Reboot()), Arbitraries.just(new CommandAction.Locate()));
    }

    public static Arbitrary<Command> commands() {
        return Combinators.combine(Arbitraries.longs().between(1, Header.MAX_SEQ), deviceIds(), times(), actions())
            .as(Command::new);
    }

    /** Any valid message, each type about equally often. */
    public static Arbitrary<Message> messages() {
        return Arbitraries.oneOf(doorplateReadings(headers()), markerReadings(headers()), events(headers()),
            batches(), commandResults(), commands());
    }
}
