package org.doorplate.server.inspection;

import java.util.Optional;

/**
 * Tells the image type from a file's first bytes: the declared content type of an upload is
 * whatever the client says, the signature is what the file is (JPEG: FF D8 FF; PNG: the 8-byte
 * PNG signature; WebP: RIFF....WEBP).
 */
final class PhotoCheck {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    private PhotoCheck() {
    }

    /** The content type the bytes are, if they are one of the accepted images. */
    static Optional<String> imageType(byte[] data) {
        if (data.length >= 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8 && (data[2] & 0xFF) == 0xFF) {
            return Optional.of("image/jpeg");
        }
        if (startsWith(data, PNG)) {
            return Optional.of("image/png");
        }
        if (data.length >= 12 && data[0] == 'R' && data[1] == 'I' && data[2] == 'F' && data[3] == 'F'
                && data[8] == 'W' && data[9] == 'E' && data[10] == 'B' && data[11] == 'P') {
            return Optional.of("image/webp");
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
