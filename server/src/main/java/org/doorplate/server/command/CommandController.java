package org.doorplate.server.command;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.doorplate.protocol.message.CommandAction;
import org.doorplate.protocol.message.DeviceIds;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.security.Roles;

/**
 * {@code POST /api/v1/devices/{id}/commands} issues a command (admin), for example
 * {@code {"type": "report_interval", "interval_s": 900}}; {@code GET} lists the device's latest.
 */
@Controller("/api/v1/devices/{id}/commands")
@ExecuteOn(TaskExecutors.BLOCKING)
final class CommandController {
    private final CommandService commands;

    CommandController(CommandService commands) {
        this.commands = commands;
    }

    @Post
    @Secured(Roles.ADMIN)
    HttpResponse<Accepted> issue(@PathVariable String id, @Body Map<String, Object> body) {
        requireDeviceId(id);
        StoredCommand command = commands.issue(id, actionOf(body));
        return HttpResponse.accepted().body(new Accepted(command.id(), "pending"));
    }

    @Get
    @Secured({Roles.ADMIN, Roles.CREW})
    List<CommandView> list(@PathVariable String id) {
        requireDeviceId(id);
        return commands.list(id).stream().map(CommandView::of).toList();
    }

    private static CommandAction actionOf(Map<String, Object> body) {
        Object type = body.get("type");
        if (!(type instanceof String name)) {
            throw DoorplateException.badRequest("type: expected one of " + typeNames());
        }
        CommandKind kind = CommandKind.byName(name)
            .orElseThrow(() -> DoorplateException.badRequest("type: expected one of " + typeNames()
                + ", found '" + name + "'"));
        Map<String, Object> params = new LinkedHashMap<>(body);
        params.remove("type");
        try {
            return kind.action(params);
        } catch (IllegalArgumentException e) {
            throw DoorplateException.badRequest(e.getMessage());
        }
    }

    private static List<String> typeNames() {
        return Arrays.stream(CommandKind.values()).map(CommandKind::wireName).toList();
    }

    private static void requireDeviceId(String id) {
        if (!DeviceIds.isValid(id)) {
            throw DoorplateException.badRequest("id: expected 1..64 characters from A-Z a-z 0-9 . _ -");
        }
    }

    /** The answer to an issued command. */
    @Serdeable
    record Accepted(long id, String state) {
    }

    /** A command as the API shows it; {@code state} is {@code pending} or {@code confirmed}. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record CommandView(long id, String type, Map<String, Object> params, String state, Instant createdAt,
            int sentCount, @Nullable Instant lastSentAt, @Nullable String lastChannel,
            @Nullable Instant confirmedAt, @Nullable String outcome, @Nullable String detail) {
        static CommandView of(StoredCommand command) {
            return new CommandView(command.id(), CommandKind.of(command.action()).wireName(),
                CommandKind.params(command.action()), command.pending() ? "pending" : "confirmed",
                command.createdAt(), command.sentCount(), command.lastSentAt(), command.lastChannel(),
                command.confirmedAt(), command.outcome() == null ? null : command.outcome().wireName(),
                command.detail());
        }
    }
}
