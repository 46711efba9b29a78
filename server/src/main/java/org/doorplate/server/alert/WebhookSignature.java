package org.doorplate.server.alert;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook delivery: {@code sha256=} and the hex HMAC-SHA256 of the exact body
 * bytes, keyed with the webhook's secret (as UTF-8), sent in {@link #HEADER}. A receiver computes
 * the same over the body it received and compares in constant time.
 */
public final class WebhookSignature {
    /** The header that carries the signature. */
    public static final String HEADER = "X-Doorplate-Signature";
    /** The header that carries the event id: the same for every retry, an idempotency key. */
    public static final String EVENT_HEADER = "X-Doorplate-Event";
    private static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    /** The header value for a body. */
    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Whether a header value is the signature of the body (constant-time comparison). */
    public static boolean verify(String secret, byte[] body, String header) {
        byte[] expected = sign(secret, body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }
}
