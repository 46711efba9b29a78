package org.doorplate.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.doorplate.server.ingest.ServerProcess;
import org.doorplate.server.ingest.TestDevices;
import org.doorplate.server.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Verifies the log formats of a real server process: with {@code DOORPLATE_LOG_FORMAT=json}
 * every line it writes is one JSON object a log shipper can index, and an unknown format stops
 * the start at once with a message that names the setting.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StructuredLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonFormatWritesOneObjectPerLine() throws Exception {
        // GIVEN a server started with the JSON format
        Path log = Files.createTempFile("doorplate-json-log-", ".log");
        Map<String, String> env = serverEnvironment();
        env.put("DOORPLATE_LOG_FORMAT", "json");

        // WHEN it has started and stopped (with the shipped logback.xml, not the tests' own)
        ServerProcess server = ServerProcess.start(env, log, "-Dlogback.configurationFile=logback.xml");
        server.stop();

        // THEN each line is an object with a level, a logger and a message, the start among them
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                events.add(JSON.readTree(line));
            }
        }
        assertFalse(events.isEmpty(), "the server logged nothing");
        for (JsonNode event : events) {
            assertTrue(event.hasNonNull("level") && event.hasNonNull("loggerName")
                && event.hasNonNull("formattedMessage"), "incomplete log event: " + event);
        }
        assertTrue(events.stream().anyMatch(e -> e.get("formattedMessage").asText()
            .startsWith("batch writer started")), "no start event among " + events.size() + " events");
    }

    @Test
    void unknownFormatStopsTheStartNamingTheSetting() throws Exception {
        // GIVEN a server configured with a format that does not exist
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            "org.doorplate.server.Application").redirectErrorStream(true);
        builder.environment().putAll(serverEnvironment());
        builder.environment().put("DOORPLATE_LOG_FORMAT", "xml");

        // WHEN it starts
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        // THEN it exits at once with status 2 and says what to set
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the server kept running");
        assertEquals(2, process.exitValue(), output);
        assertTrue(output.contains("DOORPLATE_LOG_FORMAT: expected text or json, found 'xml'"), output);
    }

    private static Map<String, String> serverEnvironment() throws IOException {
        String group = TestDevices.uniqueId("json-log");
        return ServerProcess.environment(TestDatabase.url(), group, group);
    }
}
