package org.doorplate.server.command;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ids of devices that have pending commands, kept in memory so that the uplink hot path
 * can tell "nothing for this device" without a query.
 *
 * <p>The set may hold a device with nothing pending (one query finds that out and drops it)
 * but should never miss one. Commands issued by another server instance sharing the database
 * become visible here at the next refresh, so a CoAP device may get such a command one
 * {@code pending-refresh-interval} late.
 */
@Singleton
final class PendingDevices {
    private static final Logger LOG = LoggerFactory.getLogger(PendingDevices.class);

    private final CommandRepository repository;
    private final Set<String> devices = ConcurrentHashMap.newKeySet();

    PendingDevices(CommandRepository repository) {
        this.repository = repository;
        devices.addAll(repository.devicesWithPending());
    }

    boolean contains(String deviceId) {
        return devices.contains(deviceId);
    }

    void add(String deviceId) {
        devices.add(deviceId);
    }

    /** Drops the device once the table confirms it has nothing pending. */
    void dropIfNonePending(String deviceId) {
        if (!repository.hasPending(deviceId)) {
            devices.remove(deviceId);
        }
    }

    @Scheduled(fixedDelay = "${doorplate.commands.pending-refresh-interval:30s}")
    void refresh() {
        try {
            devices.addAll(repository.devicesWithPending());
        } catch (RuntimeException e) {
            LOG.warn("could not reread the devices with pending commands: {}", e.getMessage());
        }
    }
}
