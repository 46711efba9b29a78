package org.doorplate.server;

import io.micronaut.runtime.Micronaut;
import org.doorplate.server.logging.LogFormat;

/** Starts the doorplate and boundary-marker server. */
public final class Application {
    /** The exit status of a start refused for a bad setting, as with a bad command line. */
    private static final int BAD_SETTING = 2;

    private Application() {
    }

    public static void main(String[] args) {
        try {
            LogFormat.from(System.getProperties(), System.getenv()).select();
        } catch (IllegalArgumentException e) {
            // No logger exists yet: logback would start without knowing which appender to use.
            System.err.println("doorplate: " + e.getMessage());
            System.exit(BAD_SETTING);
        }
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
