package org.doorplate.protocol.message;

/** The message types, with their CBOR code (key 1) and JSON name ({@code "type"}). */
public enum MessageType implements WireCode {
    DOORPLATE_READING(1, "doorplate_reading", true),
    MARKER_READING(2, "marker_reading", true),
    DEVICE_EVENT(3, "device_event", true),
    READING_BATCH(4, "reading_batch", true),
    COMMAND_RESULT(5, "command_result", true),
    COMMAND(16, "command", false);

    private final int code;
    private final String wireName;
    private final boolean uplink;

    MessageType(int code, String wireName, boolean uplink) {
        this.code = code;
        this.wireName = wireName;
        this.uplink = uplink;
    }

    @Override
    public int code() {
        return code;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** Whether devices send this type (true) or receive it (false). */
    public boolean isUplink() {
        return uplink;
    }
}
