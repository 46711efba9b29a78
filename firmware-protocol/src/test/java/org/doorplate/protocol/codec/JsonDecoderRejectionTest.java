package org.doorplate.protocol.codec;

import static org.doorplate.protocol.codec.CborSupport.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.doorplate.protocol.RejectReason;
import org.doorplate.protocol.Samples;
import org.doorplate.protocol.auth.MessageAuthenticator;
import org.doorplate.protocol.message.Downlink;
import org.doorplate.protocol.message.Envelope;
import org.doorplate.protocol.message.Uplink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Verifies that the JSON decoders reject every kind of bad input with a typed error naming the field. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JsonDecoderRejectionTest {
    private final JsonCodec codec = new JsonCodec();
    private final MessageAuthenticator authenticator = new MessageAuthenticator();

    private String givenMarkerJson() {
        return codec.encodeToString(authenticator.seal(Samples.MARKER_KEY, Samples.markerReading()));
    }

    private DecodeResult<Envelope<Uplink>> decode(String json) {
        return codec.decodeUplink(json.getBytes(StandardCharsets.UTF_8));
    }

    private DecodeResult<Envelope<Uplink>> decodeMarkerWith(String from, String to) {
        String json = givenMarkerJson();
        assertTrue(json.contains(from), json);
        return decode(json.replace(from, to));
    }

    @Test
    void validMarkerReadingDecodesWithOtherWhitespaceAndEquivalentNumbers() {
        String json = givenMarkerJson().replace(",", ",\n  ").replace("\"tilt\":1.25", "\"tilt\":1.250")
            .replace("\"sats\":14", "\"sats\":1.4e1");

        DecodeResult<Envelope<Uplink>> result = decode(json);

        assertTrue(result.isOk(), () -> result.error().toString());
        assertEquals(Samples.markerReading(), result.value().message());
    }

    @Test
    void emptyAndNullInputIsMalformed() {
        assertRejected(codec.decodeUplink(new byte[0]), RejectReason.MALFORMED, "empty");
        assertRejected(codec.decodeUplink(null), RejectReason.MALFORMED, "empty");
        assertRejected(codec.decodeDownlink(new byte[0]), RejectReason.MALFORMED, "empty");
    }

    @Test
    void oversizeUplinkIsTooLarge() {
        String padded = givenMarkerJson() + " ".repeat(Limits.JSON_DEFAULT.maxMessageBytes());

        assertRejected(decode(padded), RejectReason.TOO_LARGE, "at most 65536 bytes");
    }

    @Test
    void oversizeDownlinkIsTooLarge() {
        byte[] command = codec.encode(authenticator.seal(Samples.MARKER_KEY, Samples.reboot()));
        JsonCodec small = new JsonCodec(new Limits(command.length - 1, 10, 10));

        assertRejected(small.decodeDownlink(command), RejectReason.TOO_LARGE, "at most");
    }

    @Test
    void invalidDownlinkNamesTheField() {
        String json = codec.encodeToString(authenticator.seal(Samples.MARKER_KEY, Samples.setInterval()))
            .replace("\"interval_s\":600", "\"interval_s\":30");

        DecodeResult<Envelope<Downlink>> result = codec.decodeDownlink(json.getBytes(StandardCharsets.UTF_8));

        assertRejected(result, RejectReason.INVALID_VALUE, "interval_s: expected integer in 60..86400, found 30");
    }

    @Test
    void syntaxErrorIsMalformed() {
        assertRejected(decode("{\"v\":1,"), RejectReason.MALFORMED, "invalid JSON");
        assertRejected(decode("{'v':1}"), RejectReason.MALFORMED, "invalid JSON");
    }

    @Test
    void trailingContentIsMalformed() {
        assertRejected(decode(givenMarkerJson() + " {}"), RejectReason.MALFORMED, "expected the end of the input");
    }

    @Test
    void topLevelArrayIsMalformed() {
        assertRejected(decode("[1,2]"), RejectReason.MALFORMED, "expected a JSON object");
    }

    @Test
    void duplicateFieldIsMalformed() {
        assertRejected(decodeMarkerWith("\"seq\":1042", "\"seq\":1042,\"seq\":1043"), RejectReason.MALFORMED,
            "seq: duplicate field");
    }

    @Test
    void unknownFieldIsMalformed() {
        assertRejected(decodeMarkerWith("\"seq\":1042", "\"seq\":1042,\"colour\":\"red\""), RejectReason.MALFORMED,
            "colour: not defined for this message type");
    }

    @Test
    void wrongTypeNamesTheFieldAndBothTypes() {
        assertRejected(decodeMarkerWith("\"seq\":1042", "\"seq\":\"1042\""), RejectReason.MALFORMED,
            "seq: expected number, found string");
        assertRejected(decodeMarkerWith("\"tamper\":false", "\"tamper\":0"), RejectReason.MALFORMED,
            "tamper: expected true or false, found number");
    }

    @Test
    void nullIsMalformed() {
        assertRejected(decodeMarkerWith("\"tilt\":1.25", "\"tilt\":null"), RejectReason.MALFORMED,
            "tilt: null is not used");
    }

    @Test
    void tooManyDecimalsAreInvalidNotRounded() {
        assertRejected(decodeMarkerWith("\"lat\":40.8424123", "\"lat\":40.84241234"), RejectReason.INVALID_VALUE,
            "lat: expected number in -90..90 with at most 7 decimals, found 40.84241234");
        assertRejected(decodeMarkerWith("\"sats\":14", "\"sats\":14.5"), RejectReason.INVALID_VALUE,
            "sats: expected integer in 0..255, found 14.5");
    }

    @Test
    void outOfRangeValueIsInvalid() {
        assertRejected(decodeMarkerWith("\"lat\":40.8424123", "\"lat\":90.0000001"), RejectReason.INVALID_VALUE,
            "lat: expected number in -90..90");
        assertRejected(decodeMarkerWith("\"signal_dbm\":-87", "\"signal_dbm\":3"), RejectReason.INVALID_VALUE,
            "signal_dbm: expected integer in -200..0, found 3");
    }

    @Test
    void hugeExponentIsInvalidWithoutExpandingIt() {
        assertRejected(decodeMarkerWith("\"lat\":40.8424123", "\"lat\":1e999999999"), RejectReason.INVALID_VALUE,
            "lat: expected number");
        assertRejected(decodeMarkerWith("\"lat\":40.8424123", "\"lat\":1e-999999999"), RejectReason.INVALID_VALUE,
            "lat: expected number");
    }

    @Test
    void exponentAtTheLimitOfBigDecimalScaleIsInvalidNotAnError() {
        // A mutated message found these: dropping the zeros of 100e2147483647 overflows the scale.
        assertRejected(decodeMarkerWith("\"sats\":14", "\"sats\":100e2147483647"), RejectReason.INVALID_VALUE,
            "sats: expected integer");
        assertRejected(decodeMarkerWith("\"sats\":14", "\"sats\":1e2147483647"), RejectReason.INVALID_VALUE,
            "sats: expected integer");
    }

    @Test
    void overlongNumberIsMalformed() {
        assertRejected(decodeMarkerWith("\"seq\":1042", "\"seq\":" + "1".repeat(50)), RejectReason.MALFORMED,
            "invalid JSON");
    }

    @Test
    void fractionalOrOffsetTimeIsRejected() {
        assertRejected(decodeMarkerWith("08:00:00Z", "08:00:00.5Z"), RejectReason.INVALID_VALUE,
            "time: expected whole seconds");
        assertRejected(decodeMarkerWith("08:00:00Z", "16:00:00+08:00"), RejectReason.MALFORMED,
            "time: expected an ISO-8601 UTC time");
        assertRejected(decodeMarkerWith("\"2025-06-01T08:00:00Z\"", "1748764800"), RejectReason.MALFORMED,
            "time: expected string, found number");
    }

    @Test
    void otherProtocolVersionIsUnsupported() {
        assertRejected(decodeMarkerWith("\"v\":1", "\"v\":2"), RejectReason.UNSUPPORTED_VERSION, "v: expected 1");
    }

    @Test
    void unknownEnumerationNameIsInvalid() {
        assertRejected(decodeMarkerWith("\"fix\":\"3d\"", "\"fix\":\"3D\""), RejectReason.INVALID_VALUE,
            "fix: expected one of none, 2d, 3d, dgnss, rtk_fixed, rtk_float, found '3D'");
    }

    @Test
    void badMacHexIsMalformed() {
        assertRejected(decodeMarkerWith("\"mac\":\"61e7", "\"mac\":\"zze7"), RejectReason.MALFORMED,
            "mac: expected 32 hex digits");
    }

    @Test
    void invalidUtf8IsMalformed() {
        byte[] bytes = givenMarkerJson().getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 3] = (byte) 0xc3;

        assertRejected(codec.decodeUplink(bytes), RejectReason.MALFORMED, "JSON must be UTF-8");
    }

    @Test
    void deepNestingIsMalformed() {
        assertRejected(decodeMarkerWith("\"tilt\":1.25", "\"tilt\":[[[[1]]]]"), RejectReason.MALFORMED,
            "nested deeper");
    }

    @Test
    void batchBeyondTheEntryLimitIsTooLarge() {
        byte[] batch = codec.encode(authenticator.seal(Samples.MARKER_KEY, Samples.markerBatch()));
        JsonCodec strict = new JsonCodec(new Limits(65536, 2, 256));

        assertRejected(strict.decodeUplink(batch), RejectReason.TOO_LARGE, "entries: expected at most 2 entries");
    }

    @Test
    void batchEntryErrorNamesTheEntry() {
        String json = codec.encodeToString(authenticator.seal(Samples.MARKER_KEY, Samples.markerBatch()))
            .replace("\"kind\":\"low_battery\"", "\"kind\":\"flat\"");

        assertRejected(decode(json), RejectReason.INVALID_VALUE, "entries[1].kind: expected one of");
    }

    @Test
    void partialFixOnDoorplateIsMalformed() {
        String json = codec.encodeToString(authenticator.seal(Samples.DOORPLATE_KEY, Samples.doorplateReading()))
            .replace("\"tamper\"", "\"lat\":40.1,\"tamper\"");

        assertRejected(decode(json), RejectReason.MALFORMED, "lon: required field is missing");
    }

    @Test
    void unpairedSurrogateInTextIsInvalid() {
        String json = codec.encodeToString(authenticator.seal(Samples.DOORPLATE_KEY, Samples.faultEvent()))
            .replace("open circuit", "open \\ud800 circuit");

        assertRejected(decode(json), RejectReason.INVALID_VALUE, "text: unpaired surrogate");
    }
}
