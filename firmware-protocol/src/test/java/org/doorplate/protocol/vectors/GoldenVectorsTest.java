package org.doorplate.protocol.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.protocol.auth.MessageAuthenticator;
import org.doorplate.protocol.codec.CborCodec;
import org.doorplate.protocol.codec.DecodeResult;
import org.doorplate.protocol.codec.JsonCodec;
import org.doorplate.protocol.message.BatchEntry;
import org.doorplate.protocol.message.Envelope;
import org.doorplate.protocol.message.Mac;
import org.doorplate.protocol.message.Message;
import org.doorplate.protocol.message.MessageType;
import org.doorplate.protocol.message.ReadingBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Verifies the codecs and the MAC against the committed golden vectors that firmware tests share. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GoldenVectorsTest {
    private final CborCodec cbor = new CborCodec();
    private final JsonCodec json = new JsonCodec();
    private final MessageAuthenticator authenticator = new MessageAuthenticator();

    static List<GoldenVector> vectors() {
        return GoldenVector.load();
    }

    private Envelope<? extends Message> decodeCbor(GoldenVector vector) {
        return either(cbor.decodeUplink(vector.cbor()), cbor.decodeDownlink(vector.cbor()), vector);
    }

    private Envelope<? extends Message> decodeJson(GoldenVector vector) {
        byte[] bytes = vector.messageJson().getBytes(StandardCharsets.UTF_8);
        return either(json.decodeUplink(bytes), json.decodeDownlink(bytes), vector);
    }

    private static Envelope<? extends Message> either(DecodeResult<? extends Envelope<?>> up,
            DecodeResult<? extends Envelope<?>> down, GoldenVector vector) {
        DecodeResult<? extends Envelope<?>> result = up.isOk() ? up : down;
        assertTrue(result.isOk(), () -> vector.name() + ": " + up.error() + " / " + down.error());
        return (Envelope<? extends Message>) result.value();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void bothEncodingsDecodeToTheSameMessage(GoldenVector vector) {
        assertEquals(decodeCbor(vector), decodeJson(vector));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void encodingReproducesTheVectorBytes(GoldenVector vector) {
        // GIVEN the message decoded from the vector's JSON
        Envelope<? extends Message> envelope = decodeJson(vector);

        // WHEN it is encoded again THEN both encodings reproduce the file byte for byte
        assertEquals(HexFormat.of().formatHex(vector.cbor()), HexFormat.of().formatHex(cbor.encode(envelope)));
        assertEquals(vector.messageJson(), json.encodeToString(envelope));
        assertArrayEquals(vector.macInput(), CborCodec.macInput(envelope.message()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void macIsTheTruncatedHmacOfTheKey(GoldenVector vector) {
        DeviceKey key = DeviceKey.fromHex(vector.key());
        Envelope<? extends Message> envelope = decodeCbor(vector);

        assertEquals(Mac.of(vector.mac()), authenticator.mac(key, envelope.message()));
        assertEquals(Mac.of(vector.mac()), envelope.mac());
        assertTrue(authenticator.verify(key, decodeJson(vector)));
    }

    @Test
    void vectorsCoverEveryMessageType() {
        Set<MessageType> covered = EnumSet.noneOf(MessageType.class);
        for (GoldenVector vector : vectors()) {
            Message message = decodeCbor(vector).message();
            covered.add(message.type());
            if (message instanceof ReadingBatch batch) {
                batch.entries().stream().map(BatchEntry::type).forEach(covered::add);
            }
        }

        assertEquals(EnumSet.allOf(MessageType.class), covered);
    }

    @Test
    void markerReadingIsEightyEightBytes() {
        GoldenVector marker = vectors().get(0);

        assertEquals("marker_reading", marker.name());
        assertEquals(88, marker.cbor().length);
        assertEquals(69, marker.macInput().length);
    }

    @Test
    void committedFileIsWhatTheGeneratorWrites() throws IOException {
        assertEquals(VectorGenerator.generate(), GoldenVector.fileText());
    }
}
