package org.doorplate.server.doorplate;

import io.micronaut.core.annotation.Nullable;
import org.doorplate.server.web.Html;
import org.doorplate.server.web.PageLayout;

/** The small pages around a scan: retired plate, unknown code, the report form and its answer. */
public final class SmallPages {
    private SmallPages() {
    }

    /** A retired plate: 410 Gone, with a link to its successor when it has one. */
    public static String retired(ScanView view, Language language, @Nullable String successorUrl) {
        Html html = new Html(3000);
        PageLayout.begin(html, language.tag(), Label.RETIRED_TITLE.in(language));
        html.raw("<main><section class=\"notice\">").element("h1", null, Label.RETIRED_TITLE.in(language))
                .element("p", null, Addresses.standard(view, language));
        if (successorUrl != null) {
            html.open("p").text(Label.RETIRED_SUCCESSOR.in(language) + ": ")
                    .open("a", "href", successorUrl, "rel", "successor-version").text(successorUrl).close("a")
                    .close("p");
        }
        html.raw("</section></main>");
        PageLayout.end(html, Label.FOOTER.in(language));
        return html.toString();
    }

    /** An unknown or malformed code. */
    public static String unknown(Language language) {
        return message(language, Label.UNKNOWN_TITLE.in(language), Label.UNKNOWN_TEXT.in(language), null);
    }

    /** The report form on a page of its own (the link set's create-form target). */
    public static String reportForm(String code, Language language) {
        Html html = new Html(3000);
        PageLayout.begin(html, language.tag(), Label.REPORT.in(language));
        html.raw("<main>");
        ReportForm.render(html, code, language, 1);
        html.raw("</main>");
        PageLayout.end(html, Label.FOOTER.in(language));
        return html.toString();
    }

    /** The answer to a report sent from the HTML form. */
    public static String thanks(String code, Language language) {
        return message(language, Label.THANKS_TITLE.in(language), Label.THANKS_TEXT.in(language), code);
    }

    /** The answer to a refused report: what was wrong, and the way back. */
    public static String rejected(String code, Language language, String reason) {
        return message(language, Label.REJECTED_TITLE.in(language), reason, code);
    }

    private static String message(Language language, String title, String text, @Nullable String backToCode) {
        Html html = new Html(2500);
        PageLayout.begin(html, language.tag(), title);
        html.raw("<main><section>").element("h1", null, title).element("p", null, text);
        if (backToCode != null) {
            html.open("p").open("a", "href", "/q/" + backToCode + (language == Language.EN ? "?lang=en" : ""))
                    .text(Label.BACK.in(language)).close("a").close("p");
        }
        html.raw("</section></main>");
        PageLayout.end(html, Label.FOOTER.in(language));
        return html.toString();
    }
}
