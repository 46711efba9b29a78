package org.doorplate.server.doorplate;

import java.util.Locale;

/** The fixed list of problems a citizen can report about a plate. */
public enum ReportCategory {
    DAMAGED("门牌损坏", "Plate damaged"),
    MISSING("门牌缺失", "Plate missing"),
    WRONG_INFO("信息有误", "Wrong information"),
    UNREADABLE("二维码无法识别", "QR code does not scan"),
    LIGHT_OFF("夜间灯光不亮", "Light not working"),
    OTHER("其他", "Other");

    private final String chinese;
    private final String english;

    ReportCategory(String chinese, String english) {
        this.chinese = chinese;
        this.english = english;
    }

    public String label(Language language) {
        return language == Language.EN ? english : chinese;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The category of a wire name, or null when it names none. */
    public static ReportCategory fromWire(String name) {
        for (ReportCategory category : values()) {
            if (category.wireName().equals(name)) {
                return category;
            }
        }
        return null;
    }
}
