package org.doorplate.server.doorplate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Verifies content and language negotiation of the scan URL, and plate code parsing. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class NegotiationTest {
    @Test
    void browsersGetHtmlEvenThoughTheyAcceptEverything() {
        // GIVEN the Accept header a phone browser sends
        String accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

        // WHEN / THEN the page is chosen
        assertEquals(Negotiation.Kind.HTML, Negotiation.choose(accept));
        assertEquals(Negotiation.Kind.HTML, Negotiation.choose("*/*"));
        assertEquals(Negotiation.Kind.HTML, Negotiation.choose(null));
    }

    @Test
    void clientsAskingForJsonOrALinkSetGetThem() {
        assertEquals(Negotiation.Kind.JSON, Negotiation.choose("application/json"));
        assertEquals(Negotiation.Kind.LINKSET, Negotiation.choose("application/linkset+json"));
        assertEquals(Negotiation.Kind.JSON, Negotiation.choose("text/html;q=0.5, application/json"));
        assertEquals(Negotiation.Kind.HTML, Negotiation.choose("application/json;q=0.2, text/html"));
    }

    @Test
    void unknownOrUnreadableRangesFallBackToHtml() {
        assertEquals(Negotiation.Kind.HTML, Negotiation.choose("image/png"));
        assertEquals(Negotiation.Kind.HTML, Negotiation.choose("application/json;q=abc"));
        assertEquals(Negotiation.Kind.HTML, Negotiation.choose("a".repeat(5000)));
    }

    @Test
    void chineseIsTheDefaultAndEnglishIsChosenWhenPreferred() {
        assertEquals(Language.ZH, Language.choose(null, null));
        assertEquals(Language.ZH, Language.choose(null, "fr-FR, de;q=0.5"));
        assertEquals(Language.EN, Language.choose(null, "en-US,en;q=0.9,zh-CN;q=0.5"));
        assertEquals(Language.ZH, Language.choose(null, "zh-CN,zh;q=0.9,en;q=0.8"));
        assertEquals(Language.EN, Language.choose("en", "zh-CN"));
        assertEquals(Language.ZH, Language.choose("zh", "en"));
    }

    @Test
    void plateCodesAreNormalisedAndMalformedOnesRefused() {
        String code = PlateCode.generate();
        assertEquals(PlateCode.LENGTH, code.length());
        assertEquals(code, PlateCode.normalize(code.toLowerCase(java.util.Locale.ROOT)));
        assertNull(PlateCode.normalize(code.substring(1)));
        assertNull(PlateCode.normalize(code + "A"));
        assertNull(PlateCode.normalize("ABCDEFGHIJK01"));
        assertNull(PlateCode.normalize("ABCDEFGHIJK<>"));
        assertNull(PlateCode.normalize("A".repeat(10_000)));
    }

    @Test
    void entityTagsMatchWeaklyAndInLists() {
        String tag = "\"abc\"";
        assertEquals(true, EntityTags.matches("\"abc\"", tag));
        assertEquals(true, EntityTags.matches("W/\"abc\"", tag));
        assertEquals(true, EntityTags.matches("\"x\", \"abc\"", tag));
        assertEquals(true, EntityTags.matches("*", tag));
        assertEquals(false, EntityTags.matches("\"abd\"", tag));
        assertEquals(false, EntityTags.matches(null, tag));
    }
}
