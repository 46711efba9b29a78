package org.doorplate.sim.cli;

import java.net.URI;
import org.doorplate.sim.api.ServerApi;
import org.doorplate.sim.net.LoopbackGuard;
import picocli.CommandLine.Option;

/** Where the server's HTTP API is and how to sign in to it. */
public final class ServerOptions {
    @Option(names = "--server", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
        description = "The server's HTTP base URL (default: ${DEFAULT-VALUE}).")
    URI server;

    @Option(names = "--admin-user", defaultValue = "admin", paramLabel = "NAME",
        description = "The account that provisions devices (default: ${DEFAULT-VALUE}).")
    String adminUser;

    @Option(names = "--admin-password", defaultValue = "${env:DOORPLATE_ADMIN_PASSWORD}", paramLabel = "PASSWORD",
        description = "Its password (default: the environment variable DOORPLATE_ADMIN_PASSWORD).")
    String adminPassword;

    /** A client for the server, signed in as the admin. */
    ServerApi signIn(LoopbackGuard guard) {
        guard.check("server", server);
        if (adminPassword == null || adminPassword.isEmpty()) {
            throw new IllegalArgumentException("--admin-password (or DOORPLATE_ADMIN_PASSWORD) is needed to sign in"
                + " to " + server);
        }
        ServerApi api = new ServerApi(server);
        api.login(adminUser, adminPassword);
        return api;
    }
}
