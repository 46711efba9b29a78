package org.doorplate.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.doorplate.protocol.Samples;
import org.doorplate.protocol.auth.MessageAuthenticator;
import org.doorplate.protocol.message.BatchEntry;
import org.doorplate.protocol.message.FixType;
import org.doorplate.protocol.message.GnssFix;
import org.doorplate.protocol.message.Header;
import org.doorplate.protocol.message.MarkerReading;
import org.doorplate.protocol.message.ReadingBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Verifies the sizes PROTOCOL.md promises: the limits hold the largest batch, CoAP batches fit a datagram. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MessageSizeTest {
    private final MessageAuthenticator authenticator = new MessageAuthenticator();

    /** A marker batch whose every value takes the most bytes in both encodings. */
    private static ReadingBatch givenWidestMarkerBatch(int entries) {
        List<BatchEntry> list = new ArrayList<>();
        GnssFix fix = new GnssFix(-899_999_999, -1_799_999_999, -999_999, 9_999, 255, FixType.RTK_FLOAT);
        for (int i = 0; i < entries; i++) {
            Header header = new Header(Samples.MARKER, Header.MAX_SEQ - 1 - entries + i, Header.MAX_TIME);
            list.add(new MarkerReading(header, fix, 17_999, false, 65_535, 65_535, -599, -199));
        }
        return new ReadingBatch(new Header(Samples.MARKER, Header.MAX_SEQ, Header.MAX_TIME), list);
    }

    @Test
    void largestBatchFitsTheDefaultLimitsOfBothEncodings() {
        // GIVEN a batch of the most entries allowed, each as wide as it can be
        ReadingBatch batch = givenWidestMarkerBatch(Limits.CBOR_DEFAULT.maxBatchEntries());

        // WHEN it is encoded
        byte[] cbor = new CborCodec().encode(authenticator.seal(Samples.MARKER_KEY, batch));
        byte[] json = new JsonCodec().encode(authenticator.seal(Samples.MARKER_KEY, batch));

        // THEN it stays inside each encoding's size limit and decodes
        assertTrue(cbor.length <= Limits.CBOR_DEFAULT.maxMessageBytes(), "CBOR " + cbor.length);
        assertTrue(json.length <= Limits.JSON_DEFAULT.maxMessageBytes(), "JSON " + json.length);
        assertTrue(new CborCodec().decodeUplink(cbor).isOk());
        assertTrue(new JsonCodec().decodeUplink(json).isOk());
    }

    @Test
    void markerBatchEntryTakesFiftySevenBytes() {
        ReadingBatch one = new ReadingBatch(new Header(Samples.MARKER, 2000, Samples.TIME),
            List.of(Samples.markerReading()));
        ReadingBatch two = new ReadingBatch(new Header(Samples.MARKER, 2000, Samples.TIME),
            List.of(Samples.markerReading(), Samples.markerReading(new Header(Samples.MARKER, 1043, Samples.TIME))));

        int entry = CborCodec.macInput(two).length - CborCodec.macInput(one).length;

        assertEquals(57, entry);
    }

    @Test
    void fourteenMarkerEntriesFitOneCoapDatagram() {
        ReadingBatch batch = givenWidestMarkerBatch(14);

        byte[] cbor = new CborCodec().encode(authenticator.seal(Samples.MARKER_KEY, batch));

        assertTrue(cbor.length <= 1024, "CBOR " + cbor.length);
    }
}
