package org.doorplate.server.doorplate;

import java.util.List;
import java.util.Map;
import org.doorplate.server.gazetteer.Division;
import org.doorplate.server.gazetteer.DivisionLevel;

/**
 * Writes a plate's standard address. In Chinese from the largest unit down, as GB 17733 and the
 * postal convention have it (呼和浩特市新城区新华大街12号); in English from the smallest up, with
 * pinyin names.
 */
public final class Addresses {
    private static final Map<String, String[]> SERVICE_KINDS = Map.of(
            "police", new String[] {"派出所", "Police station"},
            "hospital", new String[] {"医院", "Hospital"},
            "clinic", new String[] {"卫生服务站", "Clinic"},
            "school", new String[] {"学校", "School"},
            "post", new String[] {"邮政", "Post office"},
            "community", new String[] {"社区服务中心", "Community centre"},
            "fire", new String[] {"消防站", "Fire station"},
            "transit", new String[] {"公交站", "Bus stop"});

    private Addresses() {
    }

    /** The standard address in the page's language. */
    public static String standard(ScanView view, Language language) {
        return language == Language.EN ? english(view) : chinese(view);
    }

    /** The number as printed: 12号 in Chinese, No. 12 in English. */
    public static String number(Doorplate plate, Language language) {
        String number = plate.number();
        if (language == Language.EN) {
            return "No. " + number;
        }
        return number.endsWith("号") ? number : number + "号";
    }

    /** The name of a service kind, or the kind itself when unknown. */
    public static String serviceKind(String kind, Language language) {
        String[] names = SERVICE_KINDS.get(kind);
        if (names == null) {
            return kind;
        }
        return names[language == Language.EN ? 1 : 0];
    }

    private static String chinese(ScanView view) {
        StringBuilder address = new StringBuilder(64);
        for (Division division : upToCounty(view.divisions())) {
            address.append(division.name());
        }
        Doorplate plate = view.plate();
        address.append(view.road().standardName()).append(number(plate, Language.ZH));
        if (plate.building() != null) {
            address.append(plate.building()).append(Label.BUILDING.in(Language.ZH));
        }
        if (plate.unit() != null) {
            address.append(plate.unit()).append(Label.UNIT.in(Language.ZH));
        }
        return address.toString();
    }

    private static String english(ScanView view) {
        Doorplate plate = view.plate();
        StringBuilder address = new StringBuilder(96);
        if (plate.unit() != null) {
            address.append("Unit ").append(plate.unit()).append(", ");
        }
        if (plate.building() != null) {
            address.append("Building ").append(plate.building()).append(", ");
        }
        String road = view.road().pinyin() == null ? view.road().standardName() : view.road().pinyin();
        address.append(plate.number()).append(' ').append(road);
        List<Division> divisions = upToCounty(view.divisions());
        for (int i = divisions.size() - 1; i >= 0; i--) {
            Division division = divisions.get(i);
            address.append(", ").append(division.pinyin() == null ? division.name() : division.pinyin());
        }
        if (plate.postcode() != null) {
            address.append(' ').append(plate.postcode());
        }
        return address.toString();
    }

    private static List<Division> upToCounty(List<Division> divisions) {
        return divisions.stream()
                .filter(d -> DivisionLevel.fromWire(d.level()).ordinal() <= DivisionLevel.COUNTY.ordinal())
                .toList();
    }
}
