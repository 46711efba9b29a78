package org.doorplate.protocol.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.doorplate.protocol.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Verifies topic names, their parsing and the CoAP code mapping. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TopicsTest {
    @Test
    void topicsFollowTheSpecification() {
        assertEquals("doorplate/v1/up/4501001A", Topics.uplink("4501001A"));
        assertEquals("doorplate/v1/down/4501001A", Topics.downlink("4501001A"));
        assertEquals("doorplate/v1/alerts/150102", Topics.alerts("150102"));
        assertEquals("$share/ingest/doorplate/v1/up/+", Topics.sharedUplinkSubscription("ingest"));
    }

    @Test
    void deviceIsReadBackFromTheUplinkTopic() {
        assertEquals(Optional.of("4501001A"), Topics.deviceOfUplink("doorplate/v1/up/4501001A"));
        assertEquals(Optional.empty(), Topics.deviceOfUplink("doorplate/v1/up/a/b"));
        assertEquals(Optional.empty(), Topics.deviceOfUplink("doorplate/v1/down/4501001A"));
    }

    @Test
    void wildcardInDeviceIdIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Topics.uplink("+"));
        assertThrows(IllegalArgumentException.class, () -> Topics.downlink("a/b"));
        assertThrows(IllegalArgumentException.class, () -> Topics.alerts("15x"));
    }

    @Test
    void rejectionsMapToCoapCodes() {
        assertEquals("4.13", CoapPaths.text(CoapPaths.responseCode(RejectReason.TOO_LARGE)));
        assertEquals("4.01", CoapPaths.text(CoapPaths.responseCode(RejectReason.BAD_MAC)));
        assertEquals("4.00", CoapPaths.text(CoapPaths.responseCode(RejectReason.MALFORMED)));
        assertEquals("2.04", CoapPaths.text(CoapPaths.CHANGED));
        assertEquals("5.03", CoapPaths.text(CoapPaths.SERVICE_UNAVAILABLE));
    }
}
