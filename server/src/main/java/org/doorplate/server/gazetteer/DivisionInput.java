package org.doorplate.server.gazetteer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.regex.Pattern;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;

/** A division as an admin submits it; the level and the parent follow from the code. */
@Serdeable
public record DivisionInput(
        String code,
        String name,
        @Nullable String pinyin,
        @Nullable String officeAddress,
        @Nullable String officePhone) {
    private static final Pattern CODE = Pattern.compile("[0-9]{12}");

    /** Checks every field; throws BAD_REQUEST naming the first bad one. */
    public DivisionInput validated() {
        if (code == null || !CODE.matcher(code).matches()) {
            throw bad("code must be 12 digits, found " + Fields.quote(code));
        }
        Fields.require("name", name, 100);
        Fields.limit("pinyin", pinyin, 200);
        Fields.limit("officeAddress", officeAddress, 200);
        Fields.limit("officePhone", officePhone, 40);
        if (code.startsWith("00")) {
            throw bad("code must start with a province number, found " + code);
        }
        return this;
    }

    public DivisionLevel level() {
        return DivisionLevel.of(code);
    }

    /** The division one level up, or null for a province. */
    @Nullable
    public String parentCode() {
        DivisionLevel level = level();
        if (level == DivisionLevel.PROVINCE) {
            return null;
        }
        return DivisionLevel.values()[level.ordinal() - 1].ancestorOf(code);
    }

    private static DoorplateException bad(String message) {
        return new DoorplateException(ErrorStatus.BAD_REQUEST, message);
    }
}
