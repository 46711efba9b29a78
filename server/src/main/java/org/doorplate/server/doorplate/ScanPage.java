package org.doorplate.server.doorplate;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Locale;
import org.doorplate.server.gazetteer.Division;
import org.doorplate.server.gazetteer.FormerName;
import org.doorplate.server.gazetteer.PlaceName;
import org.doorplate.server.gazetteer.PublicService;
import org.doorplate.server.household.Household;
import org.doorplate.server.web.Html;
import org.doorplate.server.web.PageLayout;

/**
 * Renders the scan landing page of a plate: mobile-first HTML with inline CSS and no scripts.
 * The households section is written only when the caller passes households (an officer's
 * view); the anonymous page, which is cached, is rendered with null.
 */
public final class ScanPage {
    private static final String[][] EMERGENCY = {
        {"110", "POLICE"}, {"119", "FIRE"}, {"120", "AMBULANCE"}, {"122", "TRAFFIC"},
    };

    private ScanPage() {
    }

    public static String render(ScanView view, Language language, @Nullable List<Household> households) {
        Html html = new Html(12_000);
        PlaceName road = view.road();
        PageLayout.begin(html, language.tag(), title(view, language));
        header(html, view, language);
        html.raw("<main>");
        address(html, view, language);
        name(html, road, language);
        community(html, view, language);
        services(html, view.services(), language);
        emergency(html, language);
        if (households != null) {
            households(html, households, language);
        }
        ReportForm.render(html, view.plate().code(), language, 2);
        html.open("p").open("a", "href", "/q/" + view.plate().code() + "?lang="
                + (language == Language.EN ? "zh" : "en"), "hreflang", language == Language.EN ? "zh" : "en")
                .text(Label.OTHER_LANGUAGE.in(language)).close("a").close("p");
        html.raw("</main>");
        PageLayout.end(html, Label.FOOTER.in(language));
        return html.toString();
    }

    static String title(ScanView view, Language language) {
        PlaceName road = view.road();
        String name = language == Language.EN && road.pinyin() != null ? road.pinyin() : road.standardName();
        return name + " " + Addresses.number(view.plate(), language);
    }

    private static void header(Html html, ScanView view, Language language) {
        PlaceName road = view.road();
        html.raw("<header class=\"plate\"><div class=\"names\">");
        if (language == Language.EN && road.pinyin() != null) {
            html.element("h1", null, road.pinyin()).element("p", "pinyin", road.standardName());
        } else {
            html.element("h1", null, road.standardName());
            if (road.pinyin() != null) {
                html.element("p", "pinyin", road.pinyin().toUpperCase(Locale.ROOT));
            }
        }
        html.raw("</div>").element("div", "number", view.plate().number());
        if (road.mongolianName() != null) {
            html.open("p", "class", "mongolian", "lang", "mn-Mong").text(road.mongolianName()).close("p");
        }
        html.raw("</header>");
    }

    private static void address(Html html, ScanView view, Language language) {
        Doorplate plate = view.plate();
        html.raw("<section>").element("h2", null, Label.ADDRESS.in(language))
                .element("p", "address", Addresses.standard(view, language)).raw("<dl>");
        if (plate.postcode() != null) {
            term(html, Label.POSTCODE.in(language), plate.postcode());
        }
        if (plate.latitude() != null && plate.longitude() != null) {
            term(html, Label.POSITION.in(language), String.format(Locale.ROOT, "%.5f, %.5f (CGCS2000)",
                    plate.latitude(), plate.longitude()));
        }
        html.raw("</dl></section>");
    }

    private static void name(Html html, PlaceName road, Language language) {
        boolean any = road.meaning() != null || road.history() != null || !road.formerNames().isEmpty()
                || road.alias() != null;
        if (!any) {
            return;
        }
        html.raw("<section>").element("h2", null, Label.NAME_SECTION.in(language)).raw("<dl>");
        if (road.alias() != null) {
            term(html, Label.ALIAS.in(language), road.alias());
        }
        if (road.meaning() != null) {
            term(html, Label.MEANING.in(language), road.meaning());
        }
        if (road.history() != null) {
            term(html, Label.HISTORY.in(language), road.history());
        }
        html.raw("</dl>");
        for (FormerName former : road.formerNames()) {
            String shown = language == Language.EN && former.pinyin() != null
                    ? former.pinyin() + " (" + former.name() + ")" : former.name();
            html.element("p", "former", Label.FORMERLY.in(language) + ": " + shown + " ("
                    + former.renamedAt().toString().substring(0, 4) + ")");
        }
        html.raw("</section>");
    }

    private static void community(Html html, ScanView view, Language language) {
        Division community = view.community();
        if (community == null) {
            return;
        }
        html.raw("<section>").element("h2", null, Label.COMMUNITY.in(language));
        html.element("p", null, divisionName(community, language) + (view.township() == null ? ""
                : " · " + divisionName(view.township(), language)));
        if (community.officeAddress() != null) {
            html.element("p", null, community.officeAddress());
        }
        if (community.officePhone() != null) {
            telephone(html, community.officePhone());
        }
        html.raw("</section>");
    }

    private static void services(Html html, List<PublicService> services, Language language) {
        html.raw("<section>").element("h2", null, Label.SERVICES.in(language));
        if (services.isEmpty()) {
            html.element("p", null, Label.NO_SERVICES.in(language)).raw("</section>");
            return;
        }
        html.raw("<ul>");
        for (PublicService service : services) {
            String name = language == Language.EN && service.nameEn() != null ? service.nameEn() : service.name();
            html.raw("<li>").text(name).text(" · ").text(Addresses.serviceKind(service.kind(), language));
            if (service.distanceMetres() != null) {
                html.text(" · " + service.distanceMetres() + (language == Language.EN ? " m" : " 米"));
            }
            if (service.phone() != null) {
                html.text(" · ");
                html.open("a", "href", "tel:" + service.phone()).text(service.phone()).close("a");
            }
            html.raw("</li>");
        }
        html.raw("</ul></section>");
    }

    private static void emergency(Html html, Language language) {
        html.raw("<section>").element("h2", null, Label.EMERGENCY.in(language)).raw("<ul class=\"emergency\">");
        for (String[] entry : EMERGENCY) {
            html.raw("<li>").open("a", "href", "tel:" + entry[0]).text(entry[0])
                    .element("small", null, Label.valueOf(entry[1]).in(language)).raw("</a></li>");
        }
        html.raw("</ul></section>");
    }

    private static void households(Html html, List<Household> households, Language language) {
        html.raw("<section class=\"restricted\">").element("h2", null, Label.HOUSEHOLDS.in(language));
        if (households.isEmpty()) {
            html.element("p", null, Label.NO_HOUSEHOLDS.in(language)).raw("</section>");
            return;
        }
        html.raw("<ul>");
        for (Household household : households) {
            html.raw("<li>").text(household.headName()).text(" · " + household.members() + " "
                    + Label.MEMBERS.in(language));
            if (household.phone() != null) {
                html.text(" · " + household.phone());
            }
            if (household.note() != null) {
                html.text(" · " + household.note());
            }
            html.raw("</li>");
        }
        html.raw("</ul></section>");
    }

    private static String divisionName(Division division, Language language) {
        return language == Language.EN && division.pinyin() != null ? division.pinyin() : division.name();
    }

    private static void term(Html html, String term, String definition) {
        html.element("dt", null, term).element("dd", null, definition);
    }

    private static void telephone(Html html, String phone) {
        html.open("p").open("a", "href", "tel:" + phone).text(phone).close("a").close("p");
    }
}
