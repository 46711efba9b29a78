package org.doorplate.sim.cli;

/** What the simulator's exit status means. */
public final class ExitCodes {
    /** Done; for verify, every acknowledged message was stored exactly once. */
    public static final int OK = 0;
    /** The run completed but its check failed: verify found missing or doubled messages, or none were acknowledged. */
    public static final int CHECK_FAILED = 1;
    /** Bad options or bad input files (picocli's usage error code). */
    public static final int USAGE = 2;
    /** The job could not be done: the server, broker or an endpoint was missing or refused. */
    public static final int UNAVAILABLE = 3;
    /** Interrupted by Ctrl-C (128 + SIGINT). */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
