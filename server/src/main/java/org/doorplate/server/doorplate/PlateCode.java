package org.doorplate.server.doorplate;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * The code a plate's QR symbol carries. It is 13 characters of the RFC 4648 base32 alphabet
 * (A-Z, 2-7), each drawn from {@link SecureRandom}: 65 random bits, so codes cannot be guessed
 * or enumerated, and they say nothing about the address (a plate's address can change; its
 * printed code cannot). Base32 survives being read aloud or typed from a photo: no 0/O or 1/l.
 */
public final class PlateCode {
    /** Characters in a code. */
    public static final int LENGTH = 13;

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private PlateCode() {
    }

    /** A new random code. */
    public static String generate() {
        byte[] bytes = new byte[LENGTH];
        RANDOM.nextBytes(bytes);
        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET[bytes[i] & 0x1f];
        }
        return new String(code);
    }

    /**
     * The canonical (upper-case) form of a code as someone typed or scanned it, or null when it
     * cannot be a code: wrong length or a character outside the alphabet.
     */
    public static String normalize(String candidate) {
        if (candidate == null || candidate.length() != LENGTH) {
            return null;
        }
        String upper = candidate.toUpperCase(Locale.ROOT);
        for (int i = 0; i < LENGTH; i++) {
            char c = upper.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && !(c >= '2' && c <= '7')) {
                return null;
            }
        }
        return upper;
    }
}
