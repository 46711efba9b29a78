package org.doorplate.server.alert;

/** How urgent an alert is, in rising order; escalation moves an alert one step up. */
public enum Severity {
    INFO,
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /** The next level up, or this one when it is already the highest. */
    public Severity raised() {
        Severity[] all = values();
        return all[Math.min(ordinal() + 1, all.length - 1)];
    }
}
