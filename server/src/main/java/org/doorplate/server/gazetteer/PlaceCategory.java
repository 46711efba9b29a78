package org.doorplate.server.gazetteer;

import java.util.Locale;

/**
 * The place-name classes this office keeps, after GB/T 18521 (place-name classification): roads,
 * streets and lanes and bridges fall under transport facilities, communities under mass
 * self-governing organisations, buildings under buildings with place-name meaning. The numeric
 * class codes of the standard are not stored: the office's export to the city maps these words
 * to its current code list.
 */
public enum PlaceCategory {
    ROAD("道路", "road"),
    STREET("街", "street"),
    LANE("巷", "lane"),
    BRIDGE("桥梁", "bridge"),
    COMMUNITY("社区", "community"),
    BUILDING("建筑物", "building");

    private final String chinese;
    private final String english;

    PlaceCategory(String chinese, String english) {
        this.chinese = chinese;
        this.english = english;
    }

    public String chinese() {
        return chinese;
    }

    public String english() {
        return english;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; null when it names no category. */
    public static PlaceCategory fromWire(String name) {
        for (PlaceCategory category : values()) {
            if (category.wireName().equals(name)) {
                return category;
            }
        }
        return null;
    }
}
