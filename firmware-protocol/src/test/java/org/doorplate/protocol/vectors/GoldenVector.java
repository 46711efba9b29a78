package org.doorplate.protocol.vectors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code vectors/vectors.json}, read with a plain streaming parser so that the
 * tests do not trust the codec under test to read its own vectors.
 *
 * @param name what the vector shows
 * @param key the device key, hex
 * @param messageJson the JSON encoding exactly as it stands in the file
 * @param message the same, parsed: maps, lists, strings, BigDecimal numbers, booleans
 * @param cbor the CBOR encoding
 * @param mac the MAC
 * @param macInput the CBOR map without the MAC entry
 */
public record GoldenVector(String name, String key, String messageJson, Map<String, Object> message, byte[] cbor,
        byte[] mac, byte[] macInput) {
    public static final String RESOURCE = "/vectors/vectors.json";

    @Override
    public String toString() {
        return name;
    }

    /** Every vector in the file. */
    public static List<GoldenVector> load() {
        String text = fileText();
        List<GoldenVector> vectors = new ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(text)) {
            expect(parser.nextToken(), JsonToken.START_ARRAY);
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                vectors.add(vector(parser, text));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return vectors;
    }

    /** The file as committed. */
    public static String fileText() {
        try (InputStream in = GoldenVector.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static GoldenVector vector(JsonParser parser, String text) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        String messageJson = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if (name.equals("message")) {
                int start = (int) parser.currentTokenLocation().getCharOffset();
                fields.put(name, value(parser, token));
                int end = (int) parser.currentTokenLocation().getCharOffset() + 1;
                messageJson = text.substring(start, end);
            } else {
                fields.put(name, value(parser, token));
            }
        }
        HexFormat hex = HexFormat.of();
        return new GoldenVector((String) fields.get("name"), (String) fields.get("key"), messageJson,
            (Map<String, Object>) fields.get("message"), hex.parseHex((String) fields.get("cbor")),
            hex.parseHex((String) fields.get("mac")), hex.parseHex((String) fields.get("macInput")));
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT:
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    map.put(name, value(parser, parser.nextToken()));
                }
                return map;
            case START_ARRAY:
                List<Object> list = new ArrayList<>();
                for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                    list.add(value(parser, item));
                }
                return list;
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new BigDecimal(parser.getText());
            case VALUE_TRUE:
                return true;
            case VALUE_FALSE:
                return false;
            default:
                throw new IllegalStateException("unexpected " + token + " in " + RESOURCE);
        }
    }

    private static void expect(JsonToken found, JsonToken expected) {
        if (found != expected) {
            throw new IllegalStateException(RESOURCE + ": expected " + expected + ", found " + found);
        }
    }
}
