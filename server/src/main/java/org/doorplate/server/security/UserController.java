package org.doorplate.server.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * Account administration: {@code POST /api/v1/users} and {@code GET /api/v1/users}, for admins.
 *
 * <p>Accounts cannot yet be deleted, renamed or given a new password through the API; an admin
 * does that in the {@code users} table.
 */
@Controller("/api/v1/users")
@Secured(Roles.ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
class UserController {
    private final Users users;

    UserController(Users users) {
        this.users = users;
    }

    @Post
    @Status(HttpStatus.CREATED)
    User create(@Body NewUser request) {
        return users.create(request.username(), request.password(), request.roles() == null
            ? List.of() : request.roles());
    }

    @Get
    List<User> list() {
        return users.list();
    }

    /** The body of {@code POST /api/v1/users}. */
    @Serdeable
    record NewUser(@Nullable String username, @Nullable String password, @Nullable List<String> roles) {
    }
}
