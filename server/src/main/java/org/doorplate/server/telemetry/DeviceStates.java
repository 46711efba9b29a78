package org.doorplate.server.telemetry;

import java.util.List;
import java.util.Optional;

/** The latest state of every device that ever sent an uplink. */
public interface DeviceStates {
    /** The state of one device; empty when it never sent an uplink. */
    Optional<DeviceState> find(String id);

    /** Every device's state, ordered by id. */
    List<DeviceState> all();
}
