package org.doorplate.server.error;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import java.time.Duration;

/** Routes that fail on purpose, present only in contexts that ask for them. */
@Controller("/test/errors")
@Requires(property = "doorplate.test.failing-routes", value = "true")
@Secured(SecurityRule.IS_ANONYMOUS)
class FailingController {
    @Get("/{status}")
    String fail(@PathVariable ErrorStatus status) {
        if (status == ErrorStatus.RATE_LIMITED) {
            throw new DoorplateException(status, "slow down", Duration.ofSeconds(30), null);
        }
        throw new DoorplateException(status, "failed with " + status.code());
    }

    @Get("/internal")
    String internal() {
        throw new IllegalStateException("secret internal detail");
    }

    @Get("/count")
    int count(@QueryValue int value) {
        return value;
    }

    @Post("/things")
    Thing create(@Body @Valid Thing thing) {
        return thing;
    }

    @Serdeable
    record Thing(@NotBlank @Pattern(regexp = "[a-z]+") String name) {
    }
}
