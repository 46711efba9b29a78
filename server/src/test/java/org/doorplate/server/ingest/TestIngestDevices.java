package org.doorplate.server.ingest;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.server.device.DeviceKind;

/**
 * Devices for ingest tests: registered in memory by a test in the same JVM, or listed in the
 * file named by {@code doorplate.test.devices-file} (lines {@code id,kind,active,keyhex}) for a
 * server running as a child JVM on the test classpath. Present only where
 * {@code doorplate.test.ingest-devices=true}, so other tests' contexts get no pipeline.
 */
@Singleton
@Primary
@Requires(property = "doorplate.test.ingest-devices", value = "true")
public final class TestIngestDevices implements IngestDevices {
    private final Map<String, IngestDevice> devices = new ConcurrentHashMap<>();
    @Nullable
    private final Path file;

    TestIngestDevices(@Nullable @Value("${doorplate.test.devices-file:}") String file) {
        this.file = file == null || file.isBlank() ? null : Path.of(file);
    }

    @Override
    public Optional<IngestDevice> find(String id) {
        IngestDevice device = devices.get(id);
        if (device == null && file != null) {
            load();
            device = devices.get(id);
        }
        return Optional.ofNullable(device);
    }

    /** Registers an active device and returns its key. */
    public DeviceKey register(String id, DeviceKind kind) {
        DeviceKey key = TestDevices.newKey();
        devices.put(id, new IngestDevice(id, kind, true, key.bytes()));
        return key;
    }

    /** Registers a disabled device and returns its key. */
    public DeviceKey registerDisabled(String id, DeviceKind kind) {
        DeviceKey key = TestDevices.newKey();
        devices.put(id, new IngestDevice(id, kind, false, key.bytes()));
        return key;
    }

    /** Appends an active device to a devices file and returns its key. */
    public static DeviceKey writeTo(Path file, String id, DeviceKind kind) {
        DeviceKey key = TestDevices.newKey();
        String line = id + "," + kind + ",true," + key.hex() + "\n";
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return key;
    }

    private synchronized void load() {
        try {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            for (String line : lines) {
                String[] parts = line.split(",");
                if (parts.length == 4) {
                    devices.put(parts[0], new IngestDevice(parts[0], DeviceKind.valueOf(parts[1]),
                        Boolean.parseBoolean(parts[2]), HexFormat.of().parseHex(parts[3])));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
