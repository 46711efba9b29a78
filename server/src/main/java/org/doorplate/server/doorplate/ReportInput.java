package org.doorplate.server.doorplate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.regex.Pattern;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;
import org.doorplate.server.gazetteer.Fields;

/**
 * A citizen's report as submitted by the form or as JSON.
 *
 * @param lang the page language the form was shown in (form only)
 */
@Serdeable
public record ReportInput(
        @Nullable String category,
        @Nullable String description,
        @Nullable String contact,
        @Nullable String lang) {
    /** The most a description may hold, in characters. */
    public static final int MAX_DESCRIPTION = 500;

    private static final Pattern PHONE = Pattern.compile("[0-9+()\\- ]{5,20}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>]{1,64}@[^@\\s<>]{1,90}\\.[A-Za-z]{2,20}");

    /**
     * Checks the report and returns it trimmed. Text with markup ({@code <} or {@code >}) is
     * refused: nobody needs it to describe a plate, and refusing it keeps scripts out of the
     * crews' tools whatever they render with.
     */
    public ReportInput validated() {
        ReportCategory parsed = category == null ? null : ReportCategory.fromWire(category);
        if (parsed == null) {
            throw bad("category must be one of damaged, missing, wrong_info, unreadable, light_off, other, found "
                    + Fields.quote(category));
        }
        String text = description == null ? "" : description.strip();
        Fields.limit("description", text, MAX_DESCRIPTION);
        if (text.indexOf('<') >= 0 || text.indexOf('>') >= 0) {
            throw bad("description must not contain < or >");
        }
        String reach = contact == null || contact.isBlank() ? null : contact.strip();
        if (reach != null && !PHONE.matcher(reach).matches() && !EMAIL.matcher(reach).matches()) {
            throw bad("contact must be a telephone number or an e-mail address");
        }
        return new ReportInput(parsed.wireName(), text, reach, lang);
    }

    private static DoorplateException bad(String message) {
        return new DoorplateException(ErrorStatus.BAD_REQUEST, message);
    }
}
