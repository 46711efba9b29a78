package org.doorplate.server.doorplate;

import org.doorplate.server.web.Html;

/** The citizen's report form: a plain POST form that works without JavaScript. */
final class ReportForm {
    private ReportForm() {
    }

    /** Writes the form in a section with a heading of the given level (h1 on its own page). */
    static void render(Html html, String code, Language language, int headingLevel) {
        html.open("section", "id", "report").element("h" + headingLevel, null, Label.REPORT.in(language));
        html.open("form", "method", "post", "action", "/q/" + code + "/report")
                .open("input", "type", "hidden", "name", "lang", "value", language == Language.EN ? "en" : "zh")
                .open("label", "for", "category").text(Label.CATEGORY.in(language)).close("label")
                .open("select", "id", "category", "name", "category", "required", "");
        for (ReportCategory category : ReportCategory.values()) {
            html.open("option", "value", category.wireName()).text(category.label(language)).close("option");
        }
        html.close("select")
                .open("label", "for", "description").text(Label.DESCRIPTION.in(language)).close("label")
                .open("textarea", "id", "description", "name", "description", "maxlength", "500", "rows", "3")
                .close("textarea")
                .open("label", "for", "contact").text(Label.CONTACT.in(language)).close("label")
                .open("input", "id", "contact", "name", "contact", "maxlength", "100", "autocomplete", "tel")
                .open("button", "type", "submit").text(Label.SEND.in(language)).close("button")
                .raw("</form></section>");
    }
}
