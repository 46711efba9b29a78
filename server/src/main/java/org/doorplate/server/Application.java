package org.doorplate.server;

import io.micronaut.runtime.Micronaut;

/** Starts the doorplate and boundary-marker server. */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
