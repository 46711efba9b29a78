package org.doorplate.protocol.codec;

import java.util.Locale;
import java.util.Optional;

/** The two encodings, with their media type and CoAP Content-Format number (RFC 7252 section 12.3). */
public enum ContentType {
    CBOR("application/cbor", 60),
    JSON("application/json", 50);

    private final String mediaType;
    private final int coapFormat;

    ContentType(String mediaType, int coapFormat) {
        this.mediaType = mediaType;
        this.coapFormat = coapFormat;
    }

    /** The media type, e.g. for the MQTT 5 Content Type property. */
    public String mediaType() {
        return mediaType;
    }

    /** The CoAP Content-Format number. */
    public int coapFormat() {
        return coapFormat;
    }

    /**
     * Tells the encoding from the first byte: every message is a CBOR map (initial byte
     * 0xa0..0xbf) or a JSON object ({@code '{'} after optional JSON whitespace). The two sets
     * cannot overlap: 0x7b and the whitespace bytes are CBOR text strings and integers.
     *
     * @param payload the message, not null
     * @return the encoding, or empty when the payload is neither
     */
    public static Optional<ContentType> sniff(byte[] payload) {
        for (byte b : payload) {
            int value = b & 0xff;
            if (value >= 0xa0 && value <= 0xbf) {
                return Optional.of(CBOR);
            }
            if (value == '{') {
                return Optional.of(JSON);
            }
            if (value != ' ' && value != '\t' && value != '\r' && value != '\n') {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * The encoding for a media type such as {@code application/json; charset=utf-8}, ignoring
     * parameters and case; null gives empty.
     */
    public static Optional<ContentType> fromMediaType(String mediaType) {
        if (mediaType == null) {
            return Optional.empty();
        }
        int semicolon = mediaType.indexOf(';');
        String bare = (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).trim()
            .toLowerCase(Locale.ROOT);
        for (ContentType type : values()) {
            if (type.mediaType.equals(bare)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The encoding for a CoAP Content-Format number. */
    public static Optional<ContentType> fromCoapFormat(int format) {
        for (ContentType type : values()) {
            if (type.coapFormat == format) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
