package org.doorplate.protocol.message;

/** The state of a doorplate's backlight. */
public enum Backlight implements WireCode {
    OFF(0, "off"),
    ON(1, "on"),
    /** The driver detected an open or short circuit. */
    FAULT(2, "fault");

    private final int code;
    private final String wireName;

    Backlight(int code, String wireName) {
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
