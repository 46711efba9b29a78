package org.doorplate.sim.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AckLogTest {
    @TempDir
    Path dir;

    @Test
    void writtenListReadsBack() {
        Path file = dir.resolve("acked.csv");
        List<AckedMessage> messages = List.of(
            new AckedMessage("plate-1", 5, Instant.parse("2026-06-01T08:00:00Z")),
            new AckedMessage("m-2", 9, Instant.parse("2026-06-01T08:00:01Z")));

        try (AckLog log = AckLog.create(file)) {
            messages.forEach(log::append);
            assertEquals(2, log.written());
        }

        assertEquals(messages, AckLog.read(file));
    }

    @Test
    void badLineIsNamed() {
        String csv = "device,seq,time\na,1,2026-06-01T08:00:00Z\na,x,2026-06-01T08:00:00Z\n";

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> AckLog.read("acked.csv", new StringReader(csv)));

        assertTrue(e.getMessage().startsWith("acked.csv line 3: seq"), e.getMessage());
    }

    @Test
    void fileWithAnotherHeaderIsRefused() {
        String csv = "id,kind,key\na,marker,00\n";

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> AckLog.read("creds.csv", new StringReader(csv)));

        assertTrue(e.getMessage().contains("expected the header"), e.getMessage());
    }
}
