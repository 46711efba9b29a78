package org.doorplate.server.gazetteer;

import java.util.Locale;

/**
 * The five levels of a 12-digit statistical division code: digits 1-2 province, 3-4
 * prefecture, 5-6 county (GB/T 2260), 7-9 township or sub-district (街道), 10-12 village or
 * community (社区). A code of a higher level has zeros in all lower positions.
 */
public enum DivisionLevel {
    PROVINCE(2),
    PREFECTURE(4),
    COUNTY(6),
    TOWNSHIP(9),
    VILLAGE(12);

    private final int significantDigits;

    DivisionLevel(int significantDigits) {
        this.significantDigits = significantDigits;
    }

    /** The leading digits that carry this level's meaning; the rest are zeros. */
    public int significantDigits() {
        return significantDigits;
    }

    /** The level a well-formed code belongs to, judged by its trailing zeros. */
    public static DivisionLevel of(String code) {
        for (DivisionLevel level : values()) {
            if (code.substring(level.significantDigits).chars().allMatch(c -> c == '0')) {
                return level;
            }
        }
        throw new IllegalStateException("unreachable: VILLAGE matches every code");
    }

    /** The code's prefix that names its parent at this level, padded with zeros. */
    public String ancestorOf(String code) {
        return code.substring(0, significantDigits) + "0".repeat(12 - significantDigits);
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DivisionLevel fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
