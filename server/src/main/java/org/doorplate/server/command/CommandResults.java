package org.doorplate.server.command;

import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import org.doorplate.protocol.message.CommandResult;
import org.doorplate.server.ingest.StoredUplink;
import org.doorplate.server.ingest.UplinksStored;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches stored uplinks for command results, off the storage writer's thread: the event
 * arrives on the writer, and the work (database updates, MQTT publishes) goes to the blocking
 * executor.
 */
@Singleton
final class CommandResults {
    private static final Logger LOG = LoggerFactory.getLogger(CommandResults.class);

    private final CommandService commands;
    private final ExecutorService executor;

    CommandResults(CommandService commands, @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.commands = commands;
        this.executor = executor;
    }

    @EventListener
    void onStored(UplinksStored event) {
        executor.execute(() -> event.uplinks().forEach(this::handle));
    }

    private void handle(StoredUplink uplink) {
        try {
            if (uplink.message() instanceof CommandResult result) {
                commands.confirm(uplink.deviceId(), result, uplink.receivedAt());
            } else {
                commands.deviceSeen(uplink.deviceId());
            }
        } catch (RuntimeException e) {
            LOG.warn("could not follow up a stored uplink [device: {}]: {}", uplink.deviceId(), e.getMessage());
        }
    }
}
