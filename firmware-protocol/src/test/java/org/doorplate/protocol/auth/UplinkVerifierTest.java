package org.doorplate.protocol.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.doorplate.protocol.RejectReason;
import org.doorplate.protocol.Samples;
import org.doorplate.protocol.codec.CborCodec;
import org.doorplate.protocol.codec.ContentType;
import org.doorplate.protocol.codec.JsonCodec;
import org.doorplate.protocol.message.Envelope;
import org.doorplate.protocol.message.Mac;
import org.doorplate.protocol.message.MarkerReading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Verifies that the verifier accepts authentic uplinks and names the reason for every rejection. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class UplinkVerifierTest {
    private final MessageAuthenticator authenticator = new MessageAuthenticator();
    private final UplinkVerifier verifier = new UplinkVerifier(
        id -> Optional.ofNullable(Map.of(Samples.MARKER, Samples.MARKER_KEY).get(id)));

    private byte[] givenSealedCbor() {
        return new CborCodec().encode(authenticator.seal(Samples.MARKER_KEY, Samples.markerReading()));
    }

    @Test
    void authenticCborUplinkIsVerified() {
        Verification result = verifier.verify(givenSealedCbor());

        Verification.Verified verified = assertInstanceOf(Verification.Verified.class, result);
        assertEquals(Samples.markerReading(), verified.uplink());
        assertEquals(ContentType.CBOR, verified.contentType());
    }

    @Test
    void authenticJsonUplinkIsVerified() {
        byte[] json = new JsonCodec().encode(authenticator.seal(Samples.MARKER_KEY, Samples.markerReading()));

        Verification result = verifier.verify(json, ContentType.JSON, Samples.MARKER);

        assertInstanceOf(Verification.Verified.class, result);
    }

    @Test
    void wrongMacIsRejected() {
        // GIVEN a reading sealed with another device's key
        Envelope<MarkerReading> forged = new Envelope<>(Samples.markerReading(),
            authenticator.mac(Samples.DOORPLATE_KEY, Samples.markerReading()));

        // WHEN it is verified THEN it is rejected for its MAC
        Verification result = verifier.verify(new CborCodec().encode(forged));

        assertEquals(RejectReason.BAD_MAC, assertInstanceOf(Verification.Rejected.class, result).reason());
    }

    @Test
    void unknownDeviceIsRejected() {
        byte[] bytes = new CborCodec().encode(Samples.doorplateReading(), Mac.of(new byte[16]));

        Verification result = verifier.verify(bytes);

        assertEquals(RejectReason.UNKNOWN_DEVICE, assertInstanceOf(Verification.Rejected.class, result).reason());
    }

    @Test
    void messageForAnotherDeviceThanTheTopicIsRejected() {
        Verification result = verifier.verify(givenSealedCbor(), ContentType.CBOR, "someone-else");

        assertEquals(RejectReason.DEVICE_MISMATCH, assertInstanceOf(Verification.Rejected.class, result).reason());
    }

    @Test
    void garbageIsMalformed() {
        Verification result = verifier.verify(new byte[] {0x01, 0x02});

        assertEquals(RejectReason.MALFORMED, assertInstanceOf(Verification.Rejected.class, result).reason());
    }
}
