package org.doorplate.server.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one benchmark run measures, from its arguments and {@code bench.*} system properties.
 *
 * @param messages readings in the timed stream (first argument, default 80,000)
 * @param devices markers sending them (second argument, default 400)
 * @param publishers asynchronous Paho publisher clients ({@code bench.publishers})
 * @param inflight QoS 1 messages in flight per publisher, also the broker's limit ({@code bench.inflight})
 * @param receiveMaximum the receive maximum of the idle subscriber and of the server
 *     ({@code bench.receive-maximum}; default the server's own default)
 * @param serverJvm the server's JVM options ({@code bench.server.jvm}, space-separated)
 * @param serverEnv settings added to the server's environment ({@code bench.server.env},
 *     {@code NAME=value,NAME=value}), for tuning runs
 * @param jar the packaged server ({@code bench.jar})
 */
record Settings(int messages, int devices, int publishers, int inflight, int receiveMaximum,
                List<String> serverJvm, Map<String, String> serverEnv, Path jar) {
    /** The server's default {@code doorplate.mqtt.receive-maximum}. */
    static final int SERVER_RECEIVE_MAXIMUM = 5000;

    static Settings of(String[] args) {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 80_000;
        int devices = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        if (messages < devices || devices < 1) {
            throw new IllegalArgumentException("expected at least one device and one reading per device, found "
                + messages + " readings from " + devices + " devices");
        }
        List<String> jvm = Arrays.stream(System.getProperty("bench.server.jvm", "-Xmx512m").trim().split("\\s+"))
            .filter(option -> !option.isEmpty()).toList();
        return new Settings(messages, devices, Integer.getInteger("bench.publishers", 4),
            Integer.getInteger("bench.inflight", 100),
            Integer.getInteger("bench.receive-maximum", SERVER_RECEIVE_MAXIMUM), jvm,
            environment(System.getProperty("bench.server.env", "")),
            Path.of(System.getProperty("bench.jar", "server/target/doorplate-server.jar")));
    }

    private static Map<String, String> environment(String text) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("bench.server.env: expected NAME=value, found '" + pair + "'");
            }
            env.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return env;
    }
}
