package org.doorplate.server.alert;

/** Where an alert is in its lifecycle: open, then acknowledged by a crew, then resolved. */
public enum AlertState {
    /** Raised and seen by nobody yet; reminders and escalation apply. */
    OPEN,
    /** A crew has taken it on; the fault may still be present. */
    ACKNOWLEDGED,
    /** Over: resolved by a crew or cleared automatically when the condition ended. */
    RESOLVED;

    /** True while the alert still counts as the one live alert of its subject and fault. */
    public boolean live() {
        return this != RESOLVED;
    }
}
