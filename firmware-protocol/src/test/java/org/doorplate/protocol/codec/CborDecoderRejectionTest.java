package org.doorplate.protocol.codec;

import static org.doorplate.protocol.codec.CborSupport.assertRejected;
import static org.doorplate.protocol.codec.CborSupport.encode;
import static org.doorplate.protocol.codec.CborSupport.fieldsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.doorplate.protocol.RejectReason;
import org.doorplate.protocol.Samples;
import org.doorplate.protocol.auth.MessageAuthenticator;
import org.doorplate.protocol.message.Envelope;
import org.doorplate.protocol.message.Uplink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Verifies that the CBOR decoders reject every kind of bad input with a typed error naming the field. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CborDecoderRejectionTest {
    private final CborCodec codec = new CborCodec();

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    private static Map<Long, CborItem> givenMarkerFields() {
        return fieldsOf(Samples.markerReading());
    }

    @Test
    void validMarkerReadingDecodes() {
        DecodeResult<Envelope<Uplink>> result = codec.decodeUplink(encode(givenMarkerFields()));

        assertTrue(result.isOk(), () -> result.error().toString());
        assertEquals(Samples.markerReading(), result.value().message());
    }

    @Test
    void emptyOrNullInputIsMalformed() {
        assertRejected(codec.decodeUplink(new byte[0]), RejectReason.MALFORMED, "empty");
        assertRejected(codec.decodeUplink(null), RejectReason.MALFORMED, "empty");
        assertRejected(codec.decodeDownlink(null), RejectReason.MALFORMED, "empty");
    }

    @Test
    void oversizeUplinkIsTooLargeBeforeParsing() {
        byte[] big = new byte[Limits.CBOR_DEFAULT.maxMessageBytes() + 1];
        big[0] = (byte) 0xa1;

        assertRejected(codec.decodeUplink(big), RejectReason.TOO_LARGE, "at most 16384 bytes, found 16385");
    }

    @Test
    void oversizeDownlinkIsTooLarge() {
        byte[] command = new CborCodec().encode(new MessageAuthenticator().seal(Samples.MARKER_KEY, Samples.reboot()));
        CborCodec small = new CborCodec(new Limits(command.length - 1, 10, 10));

        assertRejected(small.decodeDownlink(command), RejectReason.TOO_LARGE, "at most");
    }

    @Test
    void invalidDownlinkIsMalformed() {
        Map<Long, CborItem> fields = fieldsOf(Samples.reboot());
        fields.put(8L, new CborItem.Text("reboot"));

        assertRejected(codec.decodeDownlink(encode(fields)), RejectReason.MALFORMED,
            "action (key 8): expected unsigned integer, found text string");
    }

    @Test
    void trailingBytesAreMalformed() {
        byte[] valid = encode(givenMarkerFields());
        byte[] longer = Arrays.copyOf(valid, valid.length + 1);

        assertRejected(codec.decodeUplink(longer), RejectReason.MALFORMED, "1 trailing bytes");
    }

    @Test
    void wrongTypeNamesTheFieldAndBothTypes() {
        Map<Long, CborItem> fields = givenMarkerFields();
        fields.put(3L, new CborItem.Text("1042"));

        assertRejected(codec.decodeUplink(encode(fields)), RejectReason.MALFORMED,
            "seq (key 3): expected unsigned integer, found text string");
    }

    @Test
    void outOfRangeLatitudeIsInvalid() {
        Map<Long, CborItem> fields = givenMarkerFields();
        fields.put(8L, new CborItem.Int(900_000_001));

        assertRejected(codec.decodeUplink(encode(fields)), RejectReason.INVALID_VALUE,
            "lat (key 8): expected integer in -900000000..900000000, found 900000001");
    }

    @Test
    void sequenceBeyondTwoToTheFiftyThirdIsInvalid() {
        Map<Long, CborItem> fields = givenMarkerFields();
        fields.put(3L, new CborItem.Int(1L << 53));

        assertRejected(codec.decodeUplink(encode(fields)), RejectReason.INVALID_VALUE, "seq (key 3): expected");
    }

    @Test
    void sixtyFourBitSequenceIsInvalidNotAnOverflow() {
        byte[] valid = encode(givenMarkerFields());
        String text = HexFormat.of().formatHex(valid).replace("03190412", "031bffffffffffffffff");

        assertRejected(codec.decodeUplink(hex(text)), RejectReason.INVALID_VALUE, "found 18446744073709551615");
    }

    @Test
    void unknownKeyIsMalformed() {
        Map<Long, CborItem> fields = givenMarkerFields();
        CborItem mac = fields.remove(31L);
        fields.put(25L, new CborItem.Int(1));
        fields.put(31L, mac);

        assertRejected(codec.decodeUplink(encode(fields)), RejectReason.MALFORMED, "key 25: not defined");
    }

    @Test
    void missingFieldIsMalformed() {
        Map<Long, CborItem> fields = givenMarkerFields();
        fields.remove(14L);

        assertRejected(codec.decodeUplink(encode(fields)), RejectReason.MALFORMED,
            "tilt (key 14): required field is missing");
    }

    @Test
    void missingMacIsMalformed() {
        Map<Long, CborItem> fields = givenMarkerFields();
        fields.remove(31L);

        assertRejected(codec.decodeUplink(encode(fields)), RejectReason.MALFORMED, "mac (key 31): required");
    }

    @Test
    void shortMacIsMalformed() {
        Map<Long, CborItem> fields = givenMarkerFields();
        fields.put(31L, new CborItem.Bytes(new byte[8]));

        assertRejected(codec.decodeUplink(encode(fields)), RejectReason.MALFORMED, "expected 16 bytes, found 8");
    }

    @Test
    void otherProtocolVersionIsUnsupported() {
        Map<Long, CborItem> fields = givenMarkerFields();
        fields.put(0L, new CborItem.Int(2));

        assertRejected(codec.decodeUplink(encode(fields)), RejectReason.UNSUPPORTED_VERSION,
            "v (key 0): expected 1, found 2");
    }

    @Test
    void keysOutOfOrderBreakTheDeterministicForm() {
        Map<Long, CborItem> fields = new LinkedHashMap<>();
        fields.put(1L, new CborItem.Int(2));
        fields.put(0L, new CborItem.Int(1));

        assertRejected(codec.decodeUplink(encode(fields)), RejectReason.MALFORMED, "found 0 after 1");
    }

    @Test
    void duplicateKeyIsMalformed() {
        assertRejected(codec.decodeUplink(hex("a2 00 01 00 01")), RejectReason.MALFORMED, "duplicate map key 0");
    }

    @Test
    void longerThanShortestArgumentIsMalformed() {
        byte[] valid = encode(givenMarkerFields());
        String text = HexFormat.of().formatHex(valid).replace("b2000101", "b200180101");

        assertRejected(codec.decodeUplink(hex(text)), RejectReason.MALFORMED, "shortest form");
    }

    @Test
    void indefiniteLengthIsMalformed() {
        assertRejected(codec.decodeUplink(hex("bf 00 01 ff")), RejectReason.MALFORMED, "indefinite lengths");
        assertRejected(codec.decodeUplink(hex("a1 02 7f 61 41 ff")), RejectReason.MALFORMED, "indefinite lengths");
    }

    @Test
    void floatsNullsAndTagsAreNotPartOfTheSubset() {
        assertRejected(codec.decodeUplink(hex("a1 08 fb 4044 6bcd 6e5d 0fb9")), RejectReason.MALFORMED,
            "floating-point");
        assertRejected(codec.decodeUplink(hex("a1 08 f6")), RejectReason.MALFORMED, "null is not used");
        assertRejected(codec.decodeUplink(hex("a1 04 c1 1a 683c0880")), RejectReason.MALFORMED, "tags");
        assertRejected(codec.decodeUplink(hex("a1 04 f7")), RejectReason.MALFORMED, "simple value 0xf7");
    }

    @Test
    void nonIntegerKeyIsMalformed() {
        assertRejected(codec.decodeUplink(hex("a1 61 76 01")), RejectReason.MALFORMED,
            "map keys must be unsigned integers, found text string");
    }

    @Test
    void notAMapIsMalformed() {
        assertRejected(codec.decodeUplink(hex("83 01 02 03")), RejectReason.MALFORMED, "expected a map, found array");
    }

    @Test
    void invalidUtf8IsMalformed() {
        Map<Long, CborItem> fields = givenMarkerFields();
        byte[] bytes = encode(fields);
        String text = HexFormat.of().formatHex(bytes).replace("6834353031303031", "68c3283530313030");

        assertRejected(codec.decodeUplink(hex(text)), RejectReason.MALFORMED, "not valid UTF-8");
    }

    @Test
    void deviceIdWithSlashIsInvalid() {
        Map<Long, CborItem> fields = givenMarkerFields();
        fields.put(2L, new CborItem.Text("a/b"));

        assertRejected(codec.decodeUplink(encode(fields)), RejectReason.INVALID_VALUE, "device: expected 1..64");
    }

    @Test
    void declaredLengthBeyondTheInputIsMalformedWithoutAllocating() {
        assertRejected(codec.decodeUplink(hex("a1 02 5b 7fffffffffffffff")), RejectReason.MALFORMED,
            "declares 9223372036854775807 bytes but only 0 remain");
        assertRejected(codec.decodeUplink(hex("a1 08 9b ffffffffffffffff")), RejectReason.MALFORMED,
            "declares 18446744073709551615 items");
        assertRejected(codec.decodeUplink(hex("bb 7fffffffffffffff")), RejectReason.MALFORMED, "entries but only");
    }

    @Test
    void deepNestingIsMalformed() {
        assertRejected(codec.decodeUplink(hex("a1 08 81 81 81 81 00")), RejectReason.MALFORMED, "nested deeper");
    }

    @Test
    void downlinkTypeOnTheUplinkPathIsMalformed() {
        byte[] command = codec.encode(new MessageAuthenticator().seal(Samples.MARKER_KEY, Samples.reboot()));
        byte[] reading = codec.encode(new MessageAuthenticator().seal(Samples.MARKER_KEY, Samples.markerReading()));

        assertRejected(codec.decodeUplink(command), RejectReason.MALFORMED, "expected an uplink type, found command");
        assertRejected(codec.decodeDownlink(reading), RejectReason.MALFORMED, "expected a downlink type");
    }

    @Test
    void unknownMessageTypeIsInvalid() {
        Map<Long, CborItem> fields = givenMarkerFields();
        fields.put(1L, new CborItem.Int(9));

        assertRejected(codec.decodeUplink(encode(fields)), RejectReason.INVALID_VALUE,
            "type (key 1): expected one of 1, 2, 3, 4, 5, 16, found 9");
    }

    @Test
    void positionWithoutFixIsInvalid() {
        Map<Long, CborItem> fields = givenMarkerFields();
        fields.put(13L, new CborItem.Int(0));

        assertRejected(codec.decodeUplink(encode(fields)), RejectReason.INVALID_VALUE,
            "fix: with fix type none, lat, lon and height must be 0");
    }

    @Test
    void batchBeyondTheEntryLimitIsTooLarge() {
        byte[] batch = codec.encode(new MessageAuthenticator().seal(Samples.MARKER_KEY, Samples.markerBatch()));
        CborCodec strict = new CborCodec(new Limits(16384, 2, 256));

        assertRejected(strict.decodeUplink(batch), RejectReason.TOO_LARGE,
            "entries (key 8): expected at most 2 entries");
    }

    @Test
    void batchEntriesOutOfOrderAreInvalid() {
        Map<Long, CborItem> fields = fieldsOf(Samples.markerBatch());
        List<CborItem> entries = new ArrayList<>(((CborItem.Array) fields.get(8L)).items());
        Collections.swap(entries, 0, 1);
        fields.put(8L, new CborItem.Array(entries));

        assertRejected(codec.decodeUplink(encode(fields)), RejectReason.INVALID_VALUE,
            "entries[1].seq: sequence numbers must strictly ascend");
    }

    @Test
    void batchEntryWithEnvelopeKeyIsMalformed() {
        Map<Long, CborItem> fields = fieldsOf(Samples.markerBatch());
        List<CborItem> entries = new ArrayList<>(((CborItem.Array) fields.get(8L)).items());
        Map<Long, CborItem> first = new TreeMap<>(((CborItem.MapItem) entries.get(0)).entries());
        first.put(2L, new CborItem.Text(Samples.MARKER));
        entries.set(0, new CborItem.MapItem(first));
        fields.put(8L, new CborItem.Array(entries));

        assertRejected(codec.decodeUplink(encode(fields)), RejectReason.MALFORMED, "entries[0].key 2: not defined");
    }

    @Test
    void tooLongDetailTextIsTooLarge() {
        Map<Long, CborItem> fields = fieldsOf(Samples.faultEvent());
        fields.put(10L, new CborItem.Text("x".repeat(257)));

        assertRejected(codec.decodeUplink(encode(fields)), RejectReason.TOO_LARGE,
            "text (key 10): expected at most 256 bytes of text, found 257");
    }
}
