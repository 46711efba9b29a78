package org.doorplate.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.doorplate.protocol.Samples;
import org.doorplate.protocol.auth.MessageAuthenticator;
import org.doorplate.protocol.message.Downlink;
import org.doorplate.protocol.message.Envelope;
import org.doorplate.protocol.message.Message;
import org.doorplate.protocol.message.Uplink;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Verifies that every message type survives encoding and decoding in both encodings. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RoundTripTest {
    private final CborCodec cbor = new CborCodec();
    private final JsonCodec json = new JsonCodec();
    private final MessageAuthenticator authenticator = new MessageAuthenticator();

    static Stream<Message> messages() {
        return Samples.all().stream();
    }

    @ParameterizedTest
    @MethodSource("messages")
    void cborRoundTripKeepsTheMessageAndMac(Message message) {
        // GIVEN a sealed sample message
        Envelope<Message> sealed = authenticator.seal(Samples.keyOf(message), message);

        // WHEN it is encoded and decoded as CBOR
        byte[] bytes = cbor.encode(sealed);
        DecodeResult<? extends Envelope<?>> decoded = message instanceof Uplink
            ? cbor.decodeUplink(bytes) : cbor.decodeDownlink(bytes);

        // THEN the same message and MAC come back, and the MAC still verifies
        assertTrue(decoded.isOk(), () -> decoded.error().toString());
        assertEquals(sealed, decoded.value());
        assertTrue(authenticator.verify(Samples.keyOf(message), decoded.value()));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void jsonRoundTripKeepsTheMessageAndMac(Message message) {
        // GIVEN a sealed sample message
        Envelope<Message> sealed = authenticator.seal(Samples.keyOf(message), message);

        // WHEN it is encoded and decoded as JSON
        byte[] bytes = json.encode(sealed);
        DecodeResult<? extends Envelope<?>> decoded = message instanceof Downlink
            ? json.decodeDownlink(bytes) : json.decodeUplink(bytes);

        // THEN the same message and MAC come back
        assertTrue(decoded.isOk(), () -> decoded.error() + " in " + json.encodeToString(sealed));
        assertEquals(sealed, decoded.value());
        assertTrue(authenticator.verify(Samples.keyOf(message), decoded.value()));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void macInputIsTheMapWithoutTheMacEntry(Message message) {
        // GIVEN a sealed message
        Envelope<Message> sealed = authenticator.seal(Samples.keyOf(message), message);

        // WHEN both forms are encoded
        byte[] full = cbor.encode(sealed);
        byte[] input = CborCodec.macInput(message);

        // THEN the full map is the input's entries plus key 31 with 16 bytes: one more entry, 19 more bytes
        assertEquals(input.length + 19, full.length);
        assertEquals((input[0] & 0xff) + 1, full[0] & 0xff);
    }
}
