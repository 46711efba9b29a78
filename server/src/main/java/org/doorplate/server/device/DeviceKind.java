package org.doorplate.server.device;

/**
 * The two kinds of device, as contracts.md fixes them ({@code doorplate}, {@code marker} in
 * JSON). Landed by the ingest work so the pipeline's events can name it before the device
 * registry exists; the registry's owner is free to extend it.
 */
public enum DeviceKind {
    DOORPLATE,
    MARKER
}
