package org.doorplate.protocol.message;

/**
 * An uplink a device may buffer while offline and send later inside a {@link ReadingBatch}:
 * a reading or an event, each keeping its own sequence number and original time.
 */
public sealed interface BatchEntry extends Uplink permits DoorplateReading, MarkerReading, DeviceEvent {
}
