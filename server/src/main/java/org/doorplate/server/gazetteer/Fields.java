package org.doorplate.server.gazetteer;

import io.micronaut.core.annotation.Nullable;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;

/** Checks of submitted text fields, shared by the admin inputs; messages name the field. */
public final class Fields {
    private Fields() {
    }

    /** A required text of 1 to {@code max} characters, without control characters. */
    public static String require(String field, @Nullable String value, int max) {
        if (value == null || value.isBlank()) {
            throw new DoorplateException(ErrorStatus.BAD_REQUEST, field + " is required");
        }
        return limit(field, value, max);
    }

    /** An optional text of at most {@code max} characters, without control characters. */
    @Nullable
    public static String limit(String field, @Nullable String value, int max) {
        if (value == null) {
            return null;
        }
        if (value.codePointCount(0, value.length()) > max) {
            throw new DoorplateException(ErrorStatus.BAD_REQUEST,
                    field + " must be at most " + max + " characters, found " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw new DoorplateException(ErrorStatus.BAD_REQUEST,
                        field + " must not contain control characters");
            }
        }
        return value;
    }

    /** A latitude or longitude within its range, or null. */
    @Nullable
    public static Double degrees(String field, @Nullable Double value, double limit) {
        if (value != null && (value.isNaN() || value < -limit || value > limit)) {
            throw new DoorplateException(ErrorStatus.BAD_REQUEST,
                    field + " must be between -" + limit + " and " + limit + ", found " + value);
        }
        return value;
    }

    /** A value for an error message: quoted and cut short, so hostile input stays small. */
    public static String quote(@Nullable String value) {
        if (value == null) {
            return "nothing";
        }
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return "'" + shown + "'";
    }
}
