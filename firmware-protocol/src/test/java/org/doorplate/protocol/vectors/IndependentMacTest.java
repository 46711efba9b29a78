package org.doorplate.protocol.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verifies the vectors with a second implementation written from PROTOCOL.md alone, the way a
 * firmware engineer would: the key tables typed in again, a hand-written CBOR head encoder
 * and {@code javax.crypto}. Nothing of the module's codec or auth classes is used.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IndependentMacTest {
    private static final Map<String, Integer> TYPES = Map.of("doorplate_reading", 1, "marker_reading", 2,
        "device_event", 3, "reading_batch", 4, "command_result", 5, "command", 16);
    private static final Map<String, Integer> ENVELOPE = Map.of("v", 0, "type", 1, "device", 2, "seq", 3,
        "time", 4, "id", 3, "issued", 4, "mac", 31);
    private static final Map<String, Integer> READING = Map.ofEntries(Map.entry("lat", 8), Map.entry("lon", 9),
        Map.entry("height", 10), Map.entry("hdop", 11), Map.entry("sats", 12), Map.entry("fix", 13),
        Map.entry("tilt", 14), Map.entry("tamper", 15), Map.entry("battery_mv", 16), Map.entry("solar_mv", 17),
        Map.entry("temp", 18), Map.entry("signal_dbm", 19), Map.entry("backlight", 20), Map.entry("lux", 21));
    private static final Map<String, Map<String, Integer>> BODY = Map.of(
        "doorplate_reading", READING,
        "marker_reading", READING,
        "device_event", Map.of("kind", 8, "code", 9, "text", 10),
        "reading_batch", Map.of("entries", 8),
        "command_result", Map.of("command", 8, "outcome", 9, "detail", 10),
        "command", Map.of("action", 8, "interval_s", 9, "tilt_limit", 10, "low_battery_mv", 11));
    private static final Map<String, Integer> DECIMALS = Map.of("lat", 7, "lon", 7, "height", 3, "hdop", 2,
        "tilt", 2, "temp", 1, "tilt_limit", 2);
    private static final Map<String, Map<String, Integer>> NAMES = Map.of(
        "fix", Map.of("none", 0, "2d", 1, "3d", 2, "dgnss", 3, "rtk_fixed", 4, "rtk_float", 5),
        "backlight", Map.of("off", 0, "on", 1, "fault", 2),
        "kind", Map.of("tamper", 1, "fault", 2, "boot", 3, "low_battery", 4),
        "outcome", Map.of("ok", 0, "failed", 1, "unsupported", 2),
        "action", Map.of("set_report_interval", 1, "set_thresholds", 2, "reboot", 3, "locate", 4),
        "type", TYPES);

    static List<GoldenVector> vectors() {
        return GoldenVector.load();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void handBuiltCborAndHmacAgreeWithTheVector(GoldenVector vector) throws GeneralSecurityException {
        // GIVEN the vector's JSON message, mapped to CBOR by the spec's tables
        String type = (String) vector.message().get("type");

        // WHEN the map without the MAC is encoded and its HMAC-SHA256 truncated to 16 bytes
        byte[] macInput = map(vector.message(), type, false);
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(HexFormat.of().parseHex(vector.key()), "HmacSHA256"));
        byte[] mac = Arrays.copyOf(hmac.doFinal(macInput), 16);

        // THEN input, MAC and the full encoding all match the vector
        HexFormat hex = HexFormat.of();
        assertEquals(hex.formatHex(vector.macInput()), hex.formatHex(macInput));
        assertEquals(hex.formatHex(vector.mac()), hex.formatHex(mac));
        assertEquals(hex.formatHex(vector.cbor()), hex.formatHex(map(vector.message(), type, true)));
    }

    /** A message or batch entry as a CBOR map: keys ascending, every head in its shortest form. */
    @SuppressWarnings("unchecked")
    private static byte[] map(Map<String, Object> json, String type, boolean withMac) {
        TreeMap<Integer, byte[]> entries = new TreeMap<>();
        for (Map.Entry<String, Object> field : json.entrySet()) {
            String name = field.getKey();
            Object value = field.getValue();
            Integer key = ENVELOPE.containsKey(name) ? ENVELOPE.get(name) : BODY.get(type).get(name);
            if (name.equals("mac") && !withMac) {
                continue;
            }
            byte[] encoded;
            if (name.equals("mac")) {
                encoded = concat(head(2, 16), HexFormat.of().parseHex((String) value));
            } else if (name.equals("time") || name.equals("issued")) {
                encoded = integer(Instant.parse((String) value).getEpochSecond());
            } else if (name.equals("entries")) {
                List<Object> items = (List<Object>) value;
                encoded = head(4, items.size());
                for (Object item : items) {
                    Map<String, Object> entry = (Map<String, Object>) item;
                    encoded = concat(encoded, map(entry, (String) entry.get("type"), false));
                }
            } else if (NAMES.containsKey(name)) {
                encoded = integer(NAMES.get(name).get((String) value));
            } else if (value instanceof Boolean bool) {
                encoded = new byte[] {(byte) (bool ? 0xf5 : 0xf4)};
            } else if (value instanceof BigDecimal number) {
                int decimals = DECIMALS.getOrDefault(name, 0);
                encoded = integer(number.movePointRight(decimals).longValueExact());
            } else {
                byte[] utf8 = ((String) value).getBytes(StandardCharsets.UTF_8);
                encoded = concat(head(3, utf8.length), utf8);
            }
            entries.put(key, encoded);
        }
        byte[] out = head(5, entries.size());
        for (Map.Entry<Integer, byte[]> entry : entries.entrySet()) {
            out = concat(out, integer(entry.getKey()), entry.getValue());
        }
        return out;
    }

    private static byte[] integer(long value) {
        return value >= 0 ? head(0, value) : head(1, -1 - value);
    }

    private static byte[] head(int major, long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int size;
        if (value < 24) {
            out.write(major << 5 | (int) value);
            return out.toByteArray();
        } else if (value < 0x100) {
            out.write(major << 5 | 24);
            size = 1;
        } else if (value < 0x10000) {
            out.write(major << 5 | 25);
            size = 2;
        } else if (value < 0x1_0000_0000L) {
            out.write(major << 5 | 26);
            size = 4;
        } else {
            out.write(major << 5 | 27);
            size = 8;
        }
        for (int i = size - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)) & 0xff);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
