package org.doorplate.server.doorplate;

/** Whether a plate is on a door or has been taken down. */
public enum PlateState {
    ACTIVE,
    RETIRED
}
