package org.doorplate.server.marker;

import org.doorplate.server.error.DoorplateException;

/**
 * A boundary marker's 8-character number: the boundary-line code (4 characters, digits or
 * capital letters), the marker's sequence on the line (3 digits from 001, counted west to east
 * or north to south) and its type letter, for example {@code 1523017Q}.
 *
 * @param lineCode the boundary line's code
 * @param sequence the sequence on the line, 1..999
 * @param type the type letter
 */
public record MarkerNumber(String lineCode, int sequence, MarkerType type) {
    /** A line code: 4 digits or capital letters. */
    public static final String LINE_CODE = "[0-9A-Z]{4}";

    /** The number as written on the marker. */
    public String text() {
        return lineCode + String.format("%03d", sequence) + type.letter();
    }

    /**
     * Parses and checks a number.
     *
     * @throws DoorplateException {@code bad_request} naming what is wrong
     */
    public static MarkerNumber parse(String number) {
        if (number == null || number.length() != 8) {
            throw DoorplateException.badRequest("number: expected 8 characters (line code, 3-digit sequence,"
                + " type letter), found '" + number + "'");
        }
        String line = number.substring(0, 4);
        if (!line.matches(LINE_CODE)) {
            throw DoorplateException.badRequest("number: the line code must be 4 digits or capital letters, found '"
                + line + "'");
        }
        String digits = number.substring(4, 7);
        if (!digits.matches("[0-9]{3}") || digits.equals("000")) {
            throw DoorplateException.badRequest("number: the sequence must be 3 digits from 001, found '"
                + digits + "'");
        }
        MarkerType type = MarkerType.ofLetter(number.charAt(7)).orElseThrow(() -> DoorplateException.badRequest(
            "number: the type letter must be A or B (paired), C, D or E (triple) or Q (single), found '"
                + number.charAt(7) + "'"));
        return new MarkerNumber(line, Integer.parseInt(digits), type);
    }
}
