package org.doorplate.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.doorplate.protocol.MessageArbitraries;
import org.doorplate.protocol.RejectReason;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.protocol.auth.MessageAuthenticator;
import org.doorplate.protocol.auth.UplinkVerifier;
import org.doorplate.protocol.message.Envelope;
import org.doorplate.protocol.message.Message;
import org.doorplate.protocol.message.Uplink;

/**
 * Properties of both codecs over arbitrary valid messages and arbitrary bad input. jqwik runs
 * outside JUnit Jupiter, so there is no {@code @Timeout} here: the number of tries bounds each
 * property instead.
 */
class CodecPropertiesTest {
    private final CborCodec cbor = new CborCodec();
    private final JsonCodec json = new JsonCodec();
    private final MessageAuthenticator authenticator = new MessageAuthenticator();

    @Provide
    Arbitrary<Message> messages() {
        return MessageArbitraries.messages();
    }

    @Provide
    Arbitrary<DeviceKey> keys() {
        return MessageArbitraries.keys();
    }

    private DecodeResult<? extends Envelope<?>> decodeCbor(Message like, byte[] bytes) {
        return like instanceof Uplink ? cbor.decodeUplink(bytes) : cbor.decodeDownlink(bytes);
    }

    private DecodeResult<? extends Envelope<?>> decodeJson(Message like, byte[] bytes) {
        return like instanceof Uplink ? json.decodeUplink(bytes) : json.decodeDownlink(bytes);
    }

    @Property(tries = 300)
    void cborRoundTripIsExactAndCanonical(@ForAll("messages") Message message, @ForAll("keys") DeviceKey key) {
        Envelope<Message> sealed = authenticator.seal(key, message);
        byte[] bytes = cbor.encode(sealed);

        DecodeResult<? extends Envelope<?>> decoded = decodeCbor(message, bytes);

        assertTrue(decoded.isOk(), () -> decoded.error() + " for " + message);
        assertEquals(sealed, decoded.value());
        assertArrayEquals(bytes, cbor.encode(decoded.value()));
        assertTrue(authenticator.verify(key, decoded.value()));
    }

    @Property(tries = 300)
    void jsonRoundTripIsExact(@ForAll("messages") Message message, @ForAll("keys") DeviceKey key) {
        Envelope<Message> sealed = authenticator.seal(key, message);
        String text = json.encodeToString(sealed);

        DecodeResult<? extends Envelope<?>> decoded = decodeJson(message, text.getBytes(StandardCharsets.UTF_8));

        assertTrue(decoded.isOk(), () -> decoded.error() + " for " + text);
        assertEquals(sealed, decoded.value());
        assertEquals(text, json.encodeToString(decoded.value()));
    }

    @Property(tries = 1000)
    void randomBytesNeverThrow(@ForAll @Size(max = 200) byte[] bytes) {
        assertTyped(cbor.decodeUplink(bytes));
        assertTyped(cbor.decodeDownlink(bytes));
        assertTyped(json.decodeUplink(bytes));
        assertTyped(json.decodeDownlink(bytes));
        assertNotNull(new UplinkVerifier(id -> Optional.empty()).verify(bytes));
    }

    @Property(tries = 500)
    void mutatedCborNeverThrowsAndDecodesOnlyItsOwnCanonicalForm(@ForAll("messages") Message message,
            @ForAll @IntRange(max = 10_000) int where, @ForAll byte value, @ForAll @IntRange(max = 2) int how) {
        byte[] bytes = mutate(cbor.encode(authenticator.seal(MessageArbitraries.keys().sample(), message)),
            where, value, how);

        DecodeResult<? extends Envelope<?>> decoded = decodeCbor(message, bytes);

        assertTyped(decoded);
        if (decoded.isOk()) {
            assertArrayEquals(bytes, cbor.encode(decoded.value()), "a decodable message has exactly one encoding");
        }
    }

    @Property(tries = 500)
    void mutatedJsonNeverThrows(@ForAll("messages") Message message,
            @ForAll @IntRange(max = 10_000) int where, @ForAll byte value, @ForAll @IntRange(max = 2) int how) {
        byte[] bytes = mutate(json.encode(authenticator.seal(MessageArbitraries.keys().sample(), message)),
            where, value, how);

        assertTyped(decodeJson(message, bytes));
    }

    @Property(tries = 300)
    void tamperedCborNeverVerifies(@ForAll("messages") Message message, @ForAll("keys") DeviceKey key,
            @ForAll @IntRange(max = 10_000) int where, @ForAll byte value, @ForAll @IntRange(max = 2) int how) {
        byte[] original = cbor.encode(authenticator.seal(key, message));
        byte[] bytes = mutate(original, where, value, how);

        DecodeResult<? extends Envelope<?>> decoded = decodeCbor(message, bytes);

        if (decoded.isOk() && !Arrays.equals(original, bytes)) {
            assertFalse(authenticator.verify(key, decoded.value()), "a changed message must not verify");
        }
    }

    @Property(tries = 100)
    void everyTruncationIsAnError(@ForAll("messages") Message message) {
        Envelope<Message> sealed = authenticator.seal(MessageArbitraries.keys().sample(), message);
        byte[] cborBytes = cbor.encode(sealed);
        byte[] jsonBytes = json.encode(sealed);

        for (int length = 0; length < cborBytes.length; length++) {
            assertRejected(decodeCbor(message, Arrays.copyOf(cborBytes, length)), RejectReason.MALFORMED);
        }
        for (int length = 0; length < jsonBytes.length; length++) {
            assertFalse(decodeJson(message, Arrays.copyOf(jsonBytes, length)).isOk(), "prefix " + length);
        }
    }

    @Property(tries = 1000)
    void declaredLengthsFarBeyondTheInputAreRejectedWithoutAllocating(
            @ForAll @IntRange(min = 2, max = 5) int major, @ForAll("hugeLengths") long length,
            @ForAll @Size(max = 40) byte[] tail) {
        byte[] head = new byte[9];
        head[0] = (byte) (major << 5 | 27);
        for (int i = 0; i < 8; i++) {
            head[1 + i] = (byte) (length >>> (56 - 8 * i));
        }
        byte[] inMap = concat(new byte[] {(byte) 0xa1, 0x08}, head, tail);

        assertRejected(cbor.decodeUplink(concat(head, tail)), RejectReason.MALFORMED);
        assertRejected(cbor.decodeUplink(inMap), RejectReason.MALFORMED);
    }

    @Provide
    Arbitrary<Long> hugeLengths() {
        return Arbitraries.oneOf(Arbitraries.longs().between(1L << 32, Long.MAX_VALUE),
            Arbitraries.longs().between(Long.MIN_VALUE, -1));
    }

    /** Replaces (0), inserts (1) or deletes (2) one byte. */
    static byte[] mutate(byte[] bytes, int where, byte value, int how) {
        int at = where % bytes.length;
        if (how == 0) {
            byte[] copy = bytes.clone();
            copy[at] = value;
            return copy;
        }
        if (how == 1) {
            return concat(Arrays.copyOf(bytes, at), new byte[] {value}, Arrays.copyOfRange(bytes, at, bytes.length));
        }
        return concat(Arrays.copyOf(bytes, at), Arrays.copyOfRange(bytes, at + 1, bytes.length));
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    private static void assertTyped(DecodeResult<?> result) {
        assertNotNull(result);
        if (!result.isOk()) {
            assertNotNull(result.error().reason());
            assertFalse(result.error().message().contains("undecodable"), () -> "untyped: " + result.error());
        }
    }

    private static void assertRejected(DecodeResult<?> result, RejectReason reason) {
        assertFalse(result.isOk());
        assertEquals(reason, result.error().reason(), () -> result.error().toString());
    }
}
