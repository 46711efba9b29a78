package org.doorplate.protocol.message;

/** What a {@link DeviceEvent} reports. */
public enum EventKind implements WireCode {
    /** The tamper switch opened. */
    TAMPER(1, "tamper"),
    /** A component failed; the detail code is vendor-defined. */
    FAULT(2, "fault"),
    /** The device started; the detail code may carry the reset reason. */
    BOOT(3, "boot"),
    /** The battery fell below the low-battery threshold. */
    LOW_BATTERY(4, "low_battery");

    private final int code;
    private final String wireName;

    EventKind(int code, String wireName) {
        this.code = code;
        this.wireName = wireName;
    }

    @Override
    public int code() {
        return code;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
