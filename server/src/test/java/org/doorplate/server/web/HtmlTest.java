package org.doorplate.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Verifies that page text and attribute values can never become markup. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HtmlTest {
    @Test
    void textAndAttributesAreEscaped() {
        // GIVEN hostile text in an element and in an attribute
        Html html = new Html(64);
        html.open("a", "href", "x\" onclick=\"alert(1)").text("<script>alert('x') & co</script>").close("a");

        // THEN nothing of it is markup
        assertEquals("<a href=\"x&quot; onclick=&quot;alert(1)\">&lt;script&gt;alert(&#39;x&#39;) &amp; co"
                + "&lt;/script&gt;</a>", html.toString());
    }

    @Test
    void plainTextIsReturnedAsItIs() {
        String text = "新华大街 12号";
        assertEquals(text, Html.escape(text));
        assertEquals("", Html.escape(null));
    }
}
