package org.doorplate.server.marker.detect;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Device facts that a detection test sets by hand. Present only where
 * {@code doorplate.test.device-facts=true}.
 */
@Singleton
@Primary
@Requires(property = "doorplate.test.device-facts", value = "true")
public final class TestDeviceFacts implements DeviceFacts {
    private final Map<String, Facts> facts = new ConcurrentHashMap<>();

    /** Registers an active device with its report interval and area. */
    public void put(String id, Duration reportInterval, String areaCode) {
        facts.put(id, new Facts(true, reportInterval, areaCode));
    }

    @Override
    public Optional<Facts> find(String id) {
        return Optional.ofNullable(facts.get(id));
    }
}
