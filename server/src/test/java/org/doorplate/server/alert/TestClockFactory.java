package org.doorplate.server.alert;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Gives a test context the {@link TestClock} when the test sets {@code test.clock=movable}. */
@Factory
@Requires(property = "test.clock", value = "movable")
public class TestClockFactory {
    @Singleton
    @Replaces(Clock.class)
    TestClock testClock() {
        return new TestClock();
    }
}
