package org.doorplate.server.web;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The system clock in UTC for everything timed, unless another bean provides a clock (tests
 * replace it to move time by hand).
 */
@Factory
public class ClockFactory {
    @Singleton
    @Requires(missingBeans = Clock.class)
    Clock systemClock() {
        return Clock.systemUTC();
    }
}
