package org.doorplate.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Verifies how the log format is read from the system property and the environment. */
class LogFormatTest {
    @Test
    void unsetMeansText() {
        assertEquals(LogFormat.TEXT, LogFormat.from(new Properties(), Map.of()));
    }

    @Test
    void environmentVariableIsReadWhateverItsCase() {
        assertEquals(LogFormat.JSON, LogFormat.from(new Properties(), Map.of("DOORPLATE_LOG_FORMAT", "Json")));
    }

    @Test
    void systemPropertyWinsOverTheEnvironment() {
        Properties properties = new Properties();
        properties.setProperty("doorplate.log.format", "text");

        assertEquals(LogFormat.TEXT, LogFormat.from(properties, Map.of("DOORPLATE_LOG_FORMAT", "json")));
    }

    @Test
    void unknownFormatIsRefusedNamingTheSettingAndTheChoices() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> LogFormat.from(new Properties(), Map.of("DOORPLATE_LOG_FORMAT", "xml")));

        assertEquals("DOORPLATE_LOG_FORMAT: expected text or json, found 'xml'", refused.getMessage());
    }
}
