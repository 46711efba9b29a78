package org.doorplate.protocol.message;

/**
 * The rule for device identifiers: 1 to 64 characters from {@code A-Z a-z 0-9 . _ -}.
 *
 * <p>The identifier appears in MQTT topic names and as the DTLS PSK identity, so it must not
 * contain {@code /}, {@code +}, {@code #} or anything that needs escaping.
 */
public final class DeviceIds {
    /** The longest identifier allowed, in characters. */
    public static final int MAX_LENGTH = 64;

    private DeviceIds() {
    }

    /** Whether {@code id} follows the rule; false for null. */
    public static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '.' || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns {@code id} if it is valid.
     *
     * @throws IllegalArgumentException naming {@code field} if it is not
     */
    public static String require(String field, String id) {
        Check.notNull(field, id);
        if (!isValid(id)) {
            throw new IllegalArgumentException(field
                + ": expected 1.." + MAX_LENGTH + " characters from A-Z a-z 0-9 . _ -, found '"
                + abbreviate(id) + "'");
        }
        return id;
    }

    private static String abbreviate(String id) {
        return id.length() <= MAX_LENGTH ? id : id.substring(0, MAX_LENGTH) + "...";
    }
}
