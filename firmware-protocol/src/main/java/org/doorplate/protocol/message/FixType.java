package org.doorplate.protocol.message;

/** The quality of a GNSS fix, as NMEA GGA and most receivers report it. */
public enum FixType implements WireCode {
    NONE(0, "none"),
    FIX_2D(1, "2d"),
    FIX_3D(2, "3d"),
    DGNSS(3, "dgnss"),
    RTK_FIXED(4, "rtk_fixed"),
    RTK_FLOAT(5, "rtk_float");

    private final int code;
    private final String wireName;

    FixType(int code, String wireName) {
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
