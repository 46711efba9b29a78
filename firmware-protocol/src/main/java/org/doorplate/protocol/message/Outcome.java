package org.doorplate.protocol.message;

/** How a device carried out a {@link Command}. */
public enum Outcome implements WireCode {
    OK(0, "ok"),
    FAILED(1, "failed"),
    /** The device does not implement this action. */
    UNSUPPORTED(2, "unsupported");

    private final int code;
    private final String wireName;

    Outcome(int code, String wireName) {
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
